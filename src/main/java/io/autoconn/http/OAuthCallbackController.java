package io.autoconn.http;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.http.wire.OAuthCallbackResponse;
import io.autoconn.oauth.OAuthConnections;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Where an OAuth2 provider sends the user's browser back after consent. Public: no API key comes with a
 * browser redirect; the single-use state the authorization started with is what authenticates it.
 */
@Controller
@ExecuteOn(Workers.REMOTE)
public class OAuthCallbackController {
    private final OAuthConnections oauth;
    private final AutoconnConfig config;

    public OAuthCallbackController(OAuthConnections oauth, AutoconnConfig config) {
        this.oauth = oauth;
        this.config = config;
    }

    @Get(OAuthConnections.CALLBACK_PATH)
    public HttpResponse<OAuthCallbackResponse> callback(@Nullable @QueryValue String state,
                                                        @Nullable @QueryValue String code,
                                                        @Nullable @QueryValue String error) {
        OAuthConnections.Authorized done = oauth.callback(state, code, error, config.getCheckTimeout());
        return HttpResponse.ok(new OAuthCallbackResponse(done.connectionId(), done.connected(), done.accountName(),
                        done.error()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
