package io.zohosync.adapters.postgres.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.zohosync.adapters.postgres.DatabaseSettings;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a test database: {@link #close} is the database's network going away (open
 * connections cut, new ones refused), {@link #open} on the same port is it coming back.
 */
public final class TcpProxy {

    private final Vertx vertx;
    private final DatabaseSettings target;
    private final NetClient client;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private NetServer server;
    private int port;

    public TcpProxy(Vertx vertx, DatabaseSettings target) {
        this.vertx = vertx;
        this.target = target;
        this.client = vertx.createNetClient();
    }

    /** Listens on {@code port} (0: any free one, the first time). */
    public TcpProxy open(int at) {
        server = vertx.createNetServer()
                .connectHandler(in -> {
                    in.pause();
                    sockets.add(in);
                    client.connect(target.port(), target.host()).onComplete(ar -> {
                        if (ar.failed()) {
                            in.close();
                            return;
                        }
                        NetSocket out = ar.result();
                        sockets.add(out);
                        in.handler(out::write);
                        out.handler(in::write);
                        in.closeHandler(v -> out.close());
                        out.closeHandler(v -> in.close());
                        in.resume();
                    });
                })
                .listen(at, "127.0.0.1")
                .await();
        port = server.actualPort();
        return this;
    }

    /** Listens again on the port it had. */
    public TcpProxy reopen() {
        return open(port);
    }

    /** The target database, reached through this proxy. */
    public DatabaseSettings settings() {
        return new DatabaseSettings(
                "127.0.0.1", port, target.database(), target.user(), target.password(), target.poolSize());
    }

    public void close() {
        if (server != null) {
            server.close().await();
            server = null;
        }
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }
}
