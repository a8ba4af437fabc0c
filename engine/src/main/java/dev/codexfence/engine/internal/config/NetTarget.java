package dev.codexfence.engine.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The outbound target handed to probes ({@code codex-fence.net.target=host:port}), and whether it stays on
 * this machine. Decided without a DNS query: a dotted-quad IPv4 literal, a bracketed IPv6 literal or
 * {@code localhost}; any other name counts as off-host.
 *
 * @param host the host as written (IPv6 without brackets)
 * @param port 1 to 65535
 * @param loopback whether the host is 127.0.0.0/8, ::1 (or an IPv4-mapped 127.x) or {@code localhost}
 */
@API(status = INTERNAL, since = "0.1")
public record NetTarget(String host, int port, boolean loopback) {

    private static final Pattern FORM = Pattern.compile("^(?:\\[([0-9A-Fa-f:.]+)\\]|([A-Za-z0-9.-]+)):(\\d{1,5})$");
    private static final Pattern IPV4 =
            Pattern.compile("^(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})$");

    /**
     * Parses {@code host:port} ({@code [v6]:port} for IPv6).
     *
     * @return empty when the text is not of that form (a bad port, a bad literal)
     */
    public static Optional<NetTarget> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        if (m.group(1) != null) {
            if (!m.group(1).contains(":")) {
                return Optional.empty();
            }
            try {
                // a string with a colon is parsed as an IPv6 literal, never looked up; a bad one is an exception
                InetAddress address = InetAddress.getByName("[" + m.group(1) + "]");
                return Optional.of(new NetTarget(m.group(1), port, address.isLoopbackAddress()));
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        String host = m.group(2);
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return Optional.empty();
                }
            }
            return Optional.of(new NetTarget(host, port, v4.group(1).equals("127")));
        }
        if (host.matches("^[0-9.]+$")) {
            return Optional.empty(); // 127.1, 010.0.0.1: forms tools read differently; write the dotted quad
        }
        return Optional.of(
                new NetTarget(host, port, host.toLowerCase(Locale.ROOT).equals("localhost")));
    }
}
