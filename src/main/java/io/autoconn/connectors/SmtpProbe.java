package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import jakarta.inject.Singleton;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Checks an SMTP connection the way a mail client starts one: EHLO, STARTTLS (or TLS from the start),
 * AUTH with the stored credentials when there are any, then QUIT. No mail is sent.
 */
@Singleton
public class SmtpProbe extends EndpointProbe<SmtpTarget> {
    @Override
    public String kind() {
        return "smtp";
    }

    @Override
    SmtpTarget target(ProbeInput input) throws InvalidParamException {
        return SmtpTarget.from(input);
    }

    @Override
    ProbeResult check(SmtpTarget target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber) {
        // A session of its own: Session.getDefaultInstance would share the first caller's settings.
        Session session = Session.getInstance(target.sessionProperties(timeout));
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport(target.protocol());
            transport.connect(target.endpoint().host(), target.endpoint().port(), target.username().orElse(null),
                    target.password().map(Secret::reveal).orElse(null));
            // Jakarta Mail skips AUTH when the server does not offer it; credentials a check never tried
            // must not pass for good ones.
            if (target.authenticates() && !transport.supportsExtension("AUTH")) {
                return CheckFailure.AUTH_FAILED.result("The server at " + target.endpoint().address()
                        + " does not offer SMTP AUTH on this connection, so the credentials could not be checked."
                        + (target.security() == SmtpTarget.Security.NONE
                        ? " Servers often offer it only after STARTTLS: set security to starttls." : ""));
            }
            return ProbeResult.ok();
        } catch (MessagingException e) {
            return classify(e, target, failures, scrubber);
        } finally {
            quit(transport);
        }
    }

    /** Says QUIT without waiting for the answer: the check has its result, whatever the server says now. */
    private static void quit(SMTPTransport transport) {
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (MessagingException e) {
            // a connection that fails while closing changes nothing about what the check found
        }
    }

    private static ProbeResult classify(MessagingException failure, SmtpTarget target, ConnectFailures failures,
            SecretScrubber scrubber) {
        String server = "The server at " + target.endpoint().address();
        String message = scrubber.scrub(String.valueOf(failure.getMessage()).strip());
        return failures.transportFailure(failure).orElseGet(() -> {
            if (failure instanceof AuthenticationFailedException) {
                return CheckFailure.AUTH_FAILED.result(server + " refused the login of \""
                        + target.username().orElse("") + "\": " + message);
            }
            if (message.toLowerCase(Locale.ROOT).contains("starttls is required")) {
                return CheckFailure.TLS.result(server + " does not offer STARTTLS, which security starttls"
                        + " requires: use security tls if the port expects TLS from the start, or"
                        + " starttls-if-offered to allow an unencrypted connection.");
            }
            return failures.failed(failure);
        });
    }
}
