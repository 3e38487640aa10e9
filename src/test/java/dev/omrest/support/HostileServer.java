package dev.omrest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that answers every request with what a test scripts: headers at once, then a body
 * trickled byte by byte or streamed without end. Each connection is bounded (it stops after {@code MAX_SECONDS})
 * and the server records the request heads it saw.
 */
public final class HostileServer implements AutoCloseable {
    public interface Script {
        void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    public static final int MAX_SECONDS = 10;
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> heads = new ArrayList<>();

    private HostileServer(InetAddress address, Script script) throws IOException {
        socket = new ServerSocket(0, 50, address);
        threads.submit(() -> {
            while (!socket.isClosed()) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException e) {
                    return;
                }
                threads.submit(() -> serve(client, script));
            }
        });
    }

    public static HostileServer start(Script script) throws IOException {
        return new HostileServer(InetAddress.getByName("127.0.0.1"), script);
    }

    public static HostileServer start(InetAddress address, Script script) throws IOException {
        return new HostileServer(address, script);
    }

    private void serve(Socket client, Script script) {
        try (client) {
            client.setSoTimeout(MAX_SECONDS * 1000);
            String head = readHead(client.getInputStream());
            synchronized (heads) {
                heads.add(head);
            }
            script.answer(head, client.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away, as a fetch that gives up does
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<String> heads() {
        synchronized (heads) {
            return List.copyOf(heads);
        }
    }

    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Headers for a 200 JSON answer, then one byte every {@code millis} until the client leaves or time is up. */
    public static Script trickle(long millis) {
        return (head, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
            while (System.nanoTime() < end) {
                write(out, " ");
                Thread.sleep(millis);
            }
        };
    }

    /** A 200 answer with no length whose body, a JSON array, never ends (until the client leaves or time is up). */
    public static Script endless(String contentType) {
        return (head, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n{\"a\": [");
            byte[] chunk = "1,".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
            while (System.nanoTime() < end) {
                out.write(chunk);
            }
        };
    }

    /** A redirect to {@code location}. */
    public static Script redirect(String location) {
        return (head, out) -> write(out, "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    }

    /** A JSON answer. */
    public static Script json(String body) {
        return answer(200, "application/json", body);
    }

    /** An answer with this status, type and body. */
    public static Script answer(int status, String contentType, String body) {
        return (head, out) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n");
            out.write(bytes);
            out.flush();
        };
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        threads.shutdownNow();
    }
}
