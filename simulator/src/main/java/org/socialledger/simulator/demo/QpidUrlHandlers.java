package org.socialledger.simulator.demo;

import java.net.URL;
import java.net.URLStreamHandler;

/**
 * Qpid Broker-J reads its defaults from {@code classpath:} and {@code data:} URLs, whose handlers
 * the JDK looks up on the system class path; inside the executable jar Qpid's classes are nested,
 * so they are not found there. The handler factory is JVM-wide and can be set once: hence the one
 * static flag in this project.
 */
final class QpidUrlHandlers {

    private static boolean installed;

    private QpidUrlHandlers() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            URL.setURLStreamHandlerFactory(QpidUrlHandlers::handler);
        } catch (Error alreadySet) {
            // someone set a factory before us (a test runner): Qpid may still find its handlers itself
        }
        installed = true;
    }

    private static URLStreamHandler handler(String protocol) {
        return switch (protocol) {
            case "classpath" -> new org.apache.qpid.server.util.urlstreamhandler.classpath.Handler();
            case "data" -> new org.apache.qpid.server.util.urlstreamhandler.data.Handler();
            default -> null;
        };
    }
}
