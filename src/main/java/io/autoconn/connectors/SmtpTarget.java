package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The SMTP server, security and login a check connects with, validated from the probe's params. */
record SmtpTarget(Endpoint endpoint, Security security, Optional<String> username, Optional<Secret> password) implements EndpointProbe.Target {

    /** How the connection is encrypted, as the {@code security} param names it. */
    enum Security {
        STARTTLS("starttls", 587),
        STARTTLS_IF_OFFERED("starttls-if-offered", 587),
        TLS("tls", 465),
        NONE("none", 587);

        private static final List<String> VALUES = Arrays.stream(values()).map(s -> s.value).toList();

        final String value;
        final int defaultPort;

        Security(String value, int defaultPort) {
            this.value = value;
            this.defaultPort = defaultPort;
        }

        static Security from(ProbeInput input) throws InvalidParamException {
            String value = ParamValues.choice(input, "security", STARTTLS.value, VALUES);
            return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst().orElseThrow();
        }
    }

    static SmtpTarget from(ProbeInput input) throws InvalidParamException {
        Security security = Security.from(input);
        Endpoint endpoint = Endpoint.from(input, security.defaultPort);
        Optional<String> username = input.value("username");
        Optional<Secret> password = input.secret("password");
        if (username.isPresent() != password.isPresent()) {
            throw new InvalidParamException("Params 'username' and 'password' go together: set both, for a server"
                    + " that requires authentication, or neither.");
        }
        return new SmtpTarget(endpoint, security, username, password);
    }

    /** Jakarta Mail's protocol name: smtps starts with TLS, smtp may upgrade with STARTTLS. */
    String protocol() {
        return security == Security.TLS ? "smtps" : "smtp";
    }

    boolean authenticates() {
        return username.isPresent();
    }

    /** The mail session's settings; {@code timeout} bounds the TCP connect, every read and every write. */
    Properties sessionProperties(Duration timeout) {
        String prefix = "mail." + protocol() + ".";
        String millis = String.valueOf(Timeouts.millis(timeout));
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "starttls.enable",
                String.valueOf(security == Security.STARTTLS || security == Security.STARTTLS_IF_OFFERED));
        properties.setProperty(prefix + "starttls.required", String.valueOf(security == Security.STARTTLS));
        // The certificate must name the host, not only chain to a trusted CA.
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        properties.setProperty(prefix + "auth", String.valueOf(authenticates()));
        properties.setProperty(prefix + "quitwait", "false");
        // The default EHLO name is this machine's name from a reverse DNS lookup, which can take longer than
        // the whole check; servers look at the name, if at all, when mail is sent, which a check never does.
        properties.setProperty(prefix + "localhost", "localhost");
        return properties;
    }
}
