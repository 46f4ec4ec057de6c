package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    @Test
    void aPortPairIsFreeOnLoopbackAndBelowTheEphemeralRange() throws IOException {
        int ephemeral = Processes.ephemeralPortsFrom();
        for (int i = 0; i < 20; i++) {
            int port = Processes.freePortPair(10_000);
            assertTrue(port >= 1024 && port + 10_000 < ephemeral, port + " and its bus below " + ephemeral);
            try (ServerSocket first = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                    ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(first.isBound() && bus.isBound());
            }
        }
    }
}
