package dev.omrest.source;

import dev.omrest.config.HttpAccess;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** The SSL context for upstream's {@code verifySSL} modes. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext forMode(HttpAccess.Tls tls) {
        try {
            if ("ignore".equals(tls.verifySsl())) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{new TrustingAnything()}, null);
                return context;
            }
            if ("validate".equals(tls.verifySsl()) && tls.caCertificates() != null) {
                return trusting(tls);
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            // a certificate parser's message may quote the file: only the kind of failure is said
            throw new SpecFetchException("Cannot set up TLS (verifySSL " + tls.verifySsl() + "): " + e.getClass().getSimpleName()
                    + (tls.caCertificates() == null ? "" : " (is sslConfig.certificatePath a PEM or DER certificate file?)"));
        }
    }

    private static SSLContext trusting(HttpAccess.Tls tls) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(tls.caCertificates())) {
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new SpecFetchException("sslConfig.certificatePath " + tls.caCertificates() + " holds no certificate");
            }
        } catch (IOException e) {
            throw new SpecFetchException("Cannot read sslConfig.certificatePath " + tls.caCertificates() + ": " + e.getClass().getSimpleName());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** {@code verifySSL: ignore}: neither the chain nor the host name is checked, as the user asked. */
    private static final class TrustingAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
