package dev.mainstay.testkit;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A server in a Docker container, started with Testcontainers when a Docker engine answers. The host port is fixed
 * at creation, so a stopped and started container comes back on the same port, as the local servers do.
 */
final class ContainerServer implements ServerProcess {

    static final String HOST = "127.0.0.1";

    private final GenericContainer<?> container;
    private final int port;
    private final BooleanSupplier ready;
    private final String image;

    private ContainerServer(String image, int containerPort, Map<String, String> env, ReadyCheck ready) {
        this.image = image;
        this.port = Processes.freePort();
        this.ready = () -> ready.answers(port);
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withEnv(env)
                .withExposedPorts(containerPort)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(containerPort))));
    }

    /** Readiness seen from the host: the server answers a real request on {@code port}. */
    interface ReadyCheck {
        boolean answers(int port);
    }

    static ContainerServer launch(String image, int containerPort, Map<String, String> env, ReadyCheck ready) {
        ContainerServer server = new ContainerServer(image, containerPort, env, ready);
        server.container.start();
        server.awaitReady();
        return server;
    }

    static boolean dockerAnswers() {
        if ("false".equals(System.getProperty("mainstay.docker"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    private void awaitReady() {
        Processes.await(ready, 120_000, image + " container on port " + port, Path.of("/nonexistent"));
    }

    @Override
    public String origin() {
        return "container " + image + " on " + HOST + ":" + port;
    }

    @Override
    public boolean controllable() {
        return true;
    }

    @Override
    public void start() {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        awaitReady();
    }

    @Override
    public void stop() {
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void destroy() {
        container.stop();
    }
}
