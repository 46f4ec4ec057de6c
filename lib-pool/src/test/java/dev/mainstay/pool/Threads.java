package dev.mainstay.pool;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Virtual threads where the JDK has them (21+), platform threads on 17. */
final class Threads {

    private static final MethodHandle OF_VIRTUAL = ofVirtual();

    private Threads() {}

    static boolean virtualAvailable() {
        return OF_VIRTUAL != null;
    }

    static Thread virtual(Runnable task) {
        if (OF_VIRTUAL == null) {
            return new Thread(task);
        }
        try {
            return (Thread) OF_VIRTUAL.invoke(task);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle ofVirtual() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            MethodHandle unstarted = lookup.findVirtual(builderClass, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
            return unstarted.bindTo(builder);
        } catch (Throwable e) {
            return null;
        }
    }
}
