package dev.mainstay.benchmarks.hashring;

import com.google.common.hash.Hashing;
import dev.mainstay.hashring.HashRing;
import dev.mainstay.hashring.Placement;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;

/** The implementations {@link HashRingBenchmark} compares, behind one small interface. */
final class Locators {

    private Locators() {}

    /** Finds a node (its address) for a key given three ways. */
    interface Locator {
        /** A pre-hashed key: any 64-bit value (ketama implementations use the low 32 bits). */
        Object byLong(long hash);

        Object byBytes(byte[] key);

        Object byString(String key);
    }

    static List<String> addresses(int nodes) {
        List<String> addresses = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            addresses.add("10.0." + (i / 250) + "." + (1 + i % 250) + ":11211");
        }
        return addresses;
    }

    static Locator create(String impl, int nodes) {
        List<String> addresses = addresses(nodes);
        return switch (impl) {
            case "mainstay" -> new Mainstay(ring(addresses, Placement.STANDARD));
            case "mainstay-ketama" -> new Mainstay(ring(addresses, Placement.KETAMA));
            case "guava-jump" -> new GuavaJump(addresses);
            case "spymemcached" -> new Spymemcached(addresses, Map.of());
            case "treemap" -> new TreeMapKetama(addresses);
            default -> throw new IllegalArgumentException("impl must be a known implementation but was " + impl);
        };
    }

    static HashRing<String> ring(List<String> addresses, Placement placement) {
        HashRing.Builder<String> builder = HashRing.<String>builder().placement(placement);
        for (String address : addresses) {
            builder.node(address, address);
        }
        return builder.build();
    }

    /** Ours. */
    static final class Mainstay implements Locator {
        final HashRing<String> ring;

        Mainstay(HashRing<String> ring) {
            this.ring = ring;
        }

        @Override
        public Object byLong(long hash) {
            return ring.nodeFor(hash);
        }

        @Override
        public Object byBytes(byte[] key) {
            return ring.nodeFor(key);
        }

        @Override
        public Object byString(String key) {
            return ring.nodeFor(key);
        }
    }

    /** Guava's jump consistent hash (Lamping and Veach), keys hashed with Guava's murmur3_128. */
    static final class GuavaJump implements Locator {
        private final String[] nodes;

        GuavaJump(List<String> addresses) {
            this.nodes = addresses.toArray(new String[0]);
        }

        @Override
        public Object byLong(long hash) {
            return nodes[Hashing.consistentHash(hash, nodes.length)];
        }

        @Override
        public Object byBytes(byte[] key) {
            return nodes[Hashing.consistentHash(Hashing.murmur3_128().hashBytes(key), nodes.length)];
        }

        @Override
        public Object byString(String key) {
            return nodes[Hashing.consistentHash(
                    Hashing.murmur3_128().hashString(key, StandardCharsets.UTF_8), nodes.length)];
        }
    }

    /** spymemcached 2.12.3's own {@code KetamaNodeLocator}, on nodes that only answer their address. */
    static final class Spymemcached implements Locator {
        private static final MethodHandle NODE_FOR_KEY = nodeForKey();

        final KetamaNodeLocator locator;

        Spymemcached(List<String> addresses, Map<String, Integer> weights) {
            List<MemcachedNode> nodes = new ArrayList<>();
            Map<InetSocketAddress, Integer> weightsByAddress = new java.util.HashMap<>();
            for (String address : addresses) {
                InetSocketAddress socket = socket(address);
                nodes.add(node(socket));
                Integer weight = weights.get(address);
                if (weight != null) {
                    weightsByAddress.put(socket, weight);
                }
            }
            this.locator = weights.isEmpty()
                    ? new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH)
                    : new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH,
                            KetamaNodeKeyFormatter.Format.SPYMEMCACHED, weightsByAddress);
        }

        static InetSocketAddress socket(String address) {
            int colon = address.lastIndexOf(':');
            return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }

        static MemcachedNode node(InetSocketAddress socket) {
            String name = socket.getAddress().getHostAddress() + ":" + socket.getPort();
            return (MemcachedNode) Proxy.newProxyInstance(Locators.class.getClassLoader(),
                    new Class<?>[] {MemcachedNode.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getSocketAddress" -> socket;
                        case "toString" -> name;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        static String name(MemcachedNode node) {
            return node.toString();
        }

        private static MethodHandle nodeForKey() {
            try {
                return MethodHandles.privateLookupIn(KetamaNodeLocator.class, MethodHandles.lookup()).findVirtual(
                        KetamaNodeLocator.class, "getNodeForKey", MethodType.methodType(MemcachedNode.class, long.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("spymemcached's getNodeForKey(long) is not reachable", e);
            }
        }

        MemcachedNode nodeForKey(long hash) {
            try {
                return (MemcachedNode) NODE_FOR_KEY.invokeExact(locator, hash);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object byLong(long hash) {
            return nodeForKey(hash & 0xFFFFFFFFL);
        }

        @Override
        public Object byBytes(byte[] key) {
            return nodeForKey(TreeMapKetama.md5Hash(key));
        }

        @Override
        public Object byString(String key) {
            return locator.getPrimary(key);
        }
    }

    /** A faithful ketama ring on a {@code TreeMap<Long, node>}: 160 MD5-derived points per node. */
    static final class TreeMapKetama implements Locator {
        private static final MessageDigest MD5 = md5();

        private final TreeMap<Long, String> ring = new TreeMap<>();

        TreeMapKetama(List<String> addresses) {
            for (String address : addresses) {
                for (int k = 0; k < 40; k++) {
                    byte[] digest = newMd5().digest((address + "-" + k).getBytes(StandardCharsets.UTF_8));
                    for (int h = 0; h < 4; h++) {
                        ring.put(word(digest, h * 4), address);
                    }
                }
            }
        }

        int points() {
            return ring.size();
        }

        static long md5Hash(byte[] key) {
            return word(newMd5().digest(key), 0);
        }

        private static long word(byte[] d, int at) {
            return (d[at + 3] & 0xFFL) << 24 | (d[at + 2] & 0xFFL) << 16 | (d[at + 1] & 0xFFL) << 8 | d[at] & 0xFFL;
        }

        private static MessageDigest newMd5() {
            try {
                return (MessageDigest) MD5.clone();
            } catch (CloneNotSupportedException e) {
                return md5();
            }
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object byLong(long hash) {
            Map.Entry<Long, String> entry = ring.ceilingEntry(hash & 0xFFFFFFFFL);
            return (entry != null ? entry : ring.firstEntry()).getValue();
        }

        @Override
        public Object byBytes(byte[] key) {
            return byLong(md5Hash(key));
        }

        @Override
        public Object byString(String key) {
            return byBytes(key.getBytes(StandardCharsets.UTF_8));
        }
    }
}
