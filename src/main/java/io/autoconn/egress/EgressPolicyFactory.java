package io.autoconn.egress;

import io.autoconn.config.AutoconnConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The egress policy of {@code AUTOCONN_EGRESS_ALLOW} and {@code AUTOCONN_EGRESS_DENY}. */
@Factory
public class EgressPolicyFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EgressPolicyFactory.class);

    /** Made at start-up, so that a setting it cannot read stops the server at once, naming it. */
    @Context
    public EgressPolicy egressPolicy(AutoconnConfig config) {
        EgressPolicy policy = EgressPolicy.of(config.getEgressAllow(), config.getEgressDeny());
        LOG.info("Egress policy of connection checks: {} built-in refused blocks, {}=[{}], {}=[{}]",
                EgressPolicy.BUILT_IN.size(), EgressPolicy.ALLOW_SETTING, policy.allowList(),
                EgressPolicy.DENY_SETTING, policy.denyList());
        return policy;
    }
}
