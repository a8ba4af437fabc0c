package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What probes find outside the fence, made once per run: a scratch folder outside the workspace, a
 * sacrificial process, a loopback TCP listener, a loopback UDP echo and an AF_UNIX listener. All of them
 * live on this machine only and go away on {@link #close()}.
 */
@API(status = INTERNAL, since = "0.1")
public final class Fixtures implements AutoCloseable {

    private final Path outsideDir;
    private final Process outsideProcess;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final ServerSocketChannel unix;
    private final Path unixPath;
    private final String netTarget;

    private Fixtures(
            Path outsideDir,
            Process outsideProcess,
            ServerSocket tcp,
            DatagramSocket udp,
            ServerSocketChannel unix,
            Path unixPath,
            String netTarget) {
        this.outsideDir = outsideDir;
        this.outsideProcess = outsideProcess;
        this.tcp = tcp;
        this.udp = udp;
        this.unix = unix;
        this.unixPath = unixPath;
        this.netTarget = netTarget;
    }

    /**
     * @param parent the run's scratch folder
     * @param netTarget configured outbound target {@code host:port}, or null for the loopback listener
     */
    public static Fixtures start(Path parent, String netTarget) throws IOException {
        Path outside = Files.createDirectories(parent.resolve("outside"));
        Files.writeString(outside.resolve("outside.txt"), "a file outside the workspace\n", StandardCharsets.UTF_8);
        ProcessBuilder sleeping = new ProcessBuilder("sleep", "86400")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        sleeping.environment().clear(); // probes may read its /proc/PID/environ: no secrets there either
        sleeping.environment().putAll(ProbeEnvironment.allowListed(System.getenv()));
        Process sleeper = sleeping.start();
        ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("codex-fence-tcp", () -> acceptAndClose(tcp));
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("codex-fence-udp", () -> echo(udp));
        Path unixPath = outside.resolve("listener.sock");
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(unixPath));
        daemon("codex-fence-unix", () -> acceptAndClose(unix));
        return new Fixtures(outside, sleeper, tcp, udp, unix, unixPath, netTarget);
    }

    /** The {@code FENCE_*} variables describing these fixtures (probes/README.md). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String host;
        String port;
        if (netTarget != null) {
            int colon = netTarget.lastIndexOf(':');
            host = netTarget.substring(0, colon).replace("[", "").replace("]", "");
            port = netTarget.substring(colon + 1);
        } else {
            host = "127.0.0.1";
            port = String.valueOf(tcp.getLocalPort());
        }
        env.put("FENCE_OUTSIDE_DIR", outsideDir.toString());
        env.put("FENCE_OUTSIDE_PID", String.valueOf(outsideProcess.pid()));
        env.put("FENCE_NET_TARGET_HOST", host);
        env.put("FENCE_NET_TARGET_PORT", port);
        env.put("FENCE_LOOPBACK_TCP_PORT", String.valueOf(tcp.getLocalPort()));
        env.put("FENCE_LOOPBACK_UDP_PORT", String.valueOf(udp.getLocalPort()));
        env.put("FENCE_UNIX_SOCKET", unixPath.toString());
        return env;
    }

    /** Whether the sacrificial process outside the fence is still alive. */
    public boolean outsideProcessAlive() {
        return outsideProcess.isAlive();
    }

    /** The scratch folder outside the workspace ({@code $FENCE_OUTSIDE_DIR}). */
    public Path outsideDir() {
        return outsideDir;
    }

    public long outsidePid() {
        return outsideProcess.pid();
    }

    @Override
    public void close() {
        outsideProcess.destroyForcibly();
        closeQuietly(tcp);
        udp.close();
        closeQuietly(unix);
        try {
            Files.deleteIfExists(unixPath);
        } catch (IOException ignored) {
            // removed with the run folder
        }
    }

    private static void acceptAndClose(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                // accepted: closing it is the whole protocol
            } catch (IOException e) {
                // closed, or a client gave up: keep serving until closed
            }
        }
    }

    private static void acceptAndClose(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                // accepted: closing it is the whole protocol
            } catch (IOException e) {
                // closed, or a client gave up
            }
        }
    }

    private static void echo(DatagramSocket socket) {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // a bad datagram: keep serving
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to do
        }
    }
}
