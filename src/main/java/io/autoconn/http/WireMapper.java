package io.autoconn.http;

import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionService;
import io.autoconn.connections.ConnectionSummary;
import io.autoconn.connections.ParamInput;
import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.ParamDefinition;
import io.autoconn.connectors.ParamOption;
import io.autoconn.http.wire.ConnectionDetail;
import io.micronaut.core.annotation.Nullable;
import io.autoconn.http.wire.ConnectionListItem;
import io.autoconn.http.wire.ConnectionRequests;
import io.autoconn.http.wire.ConnectorDetail;
import io.autoconn.http.wire.ConnectorListItem;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The one place where domain objects become wire records and back. */
final class WireMapper {
    /** What a set secret shows as: its value never leaves the server. */
    static final String SECRET_MASK = "********";

    private WireMapper() {
    }

    static String timestamp(Instant instant) {
        return Timestamps.format(instant);
    }

    static ConnectionListItem listItem(ConnectionSummary c) {
        return new ConnectionListItem(c.id(), c.name(), c.ownerId(), c.spaceId(), timestamp(c.createdAt()),
                timestamp(c.updatedAt()), c.connectorId(), c.connected());
    }

    static ConnectionDetail detail(Connection c, ConnectorDefinition connector) {
        return detail(c, connector, null, null);
    }

    /** With OAuth2: {@code redirect} (where the user consents, on create) and the account the tokens act for. */
    static ConnectionDetail detail(Connection c, ConnectorDefinition connector, @Nullable String redirect,
                                   @Nullable String oauthAccountName) {
        List<ParamDefinition> declared = connector.params();
        List<ConnectionDetail.Param> params = IntStream.range(0, declared.size())
                .mapToObj(i -> param(c, declared.get(i), i + 1))
                .toList();
        return new ConnectionDetail(c.id(), c.name(), c.error(), params, c.ownerId(), c.spaceId(), redirect,
                timestamp(c.createdAt()), timestamp(c.updatedAt()), c.connectorId(), c.connected(), oauthAccountName);
    }

    /** A declared param merged with this connection's value; {@code order} is its 1-based place in the file. */
    private static ConnectionDetail.Param param(Connection c, ParamDefinition p, int order) {
        String value = p.secret()
                ? (c.secretCiphertexts().containsKey(p.id()) ? SECRET_MASK : null)
                : c.params().get(p.id());
        return new ConnectionDetail.Param(p.id(), List.of(), p.name(), order, value, p.fieldType(),
                p.optional(), p.exampleValue(), p.options().stream().map(WireMapper::option).toList(), p.documentation());
    }

    private static ConnectionDetail.Option option(ParamOption o) {
        return new ConnectionDetail.Option(o.id(), o.value());
    }

    static ConnectionService.NewConnection newConnection(ConnectionRequests.Create body) {
        return new ConnectionService.NewConnection(body.name(), body.connectorId(), body.spaceId(),
                paramInputs(body.params() == null ? List.of() : body.params(),
                        ConnectionRequests.ParamByName::name, ConnectionRequests.ParamByName::value));
    }

    static ConnectionService.ConnectionEdit edit(ConnectionRequests.Update body) {
        return new ConnectionService.ConnectionEdit(body.name(), body.params() == null ? null
                : paramInputs(body.params(), ConnectionRequests.ParamById::id, ConnectionRequests.ParamById::value));
    }

    /** Request params in order; a JSON null in the array becomes an input with neither key nor value. */
    private static <P> List<ParamInput> paramInputs(List<P> params, Function<P, String> key, Function<P, String> value) {
        return IntStream.range(0, params.size())
                .mapToObj(i -> {
                    P p = params.get(i);
                    return p == null ? new ParamInput(i, null, null) : new ParamInput(i, key.apply(p), value.apply(p));
                })
                .toList();
    }

    static ConnectorListItem connectorListItem(ConnectorDefinition c) {
        return new ConnectorListItem(c.id(), c.name(), c.billable(), c.logoLarge(), c.logoSmall(), c.logoMedium(),
                c.description(), c.hasWebhooks());
    }

    static ConnectorDetail connectorDetail(ConnectorDefinition c) {
        return new ConnectorDetail(c.id(), c.name(), List.of(), c.params().stream().map(WireMapper::connectorParam).toList(),
                c.billable(), List.of(), c.description(), c.hasWebhooks(), c.connectDocumentation());
    }

    private static ConnectorDetail.Param connectorParam(ParamDefinition p) {
        return new ConnectorDetail.Param(p.id(), p.name(), p.optionValues(), false, p.optional(), p.fieldType(),
                p.description(), p.exampleValue());
    }
}
