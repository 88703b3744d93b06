package io.selfheal.it.apps.jdk;

import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;

/** Calls a JDK method, HttpURLConnection#getResponseCode, against a port nobody listens on. */
public final class HttpApp {
    private HttpApp() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/").openConnection();
        System.out.println("RESULT class " + c.getClass().getName());
        try {
            System.out.println("RESULT code " + c.getResponseCode());
        } catch (Exception e) {
            System.out.println("RESULT code threw " + e.getClass().getName());
        }
    }
}
