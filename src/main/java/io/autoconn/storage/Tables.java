package io.autoconn.storage;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The schema of the migrations in db/migration, as typed jOOQ references (no code generation).
 * Columns are qualified by their table so joins never render an ambiguous name.
 */
public final class Tables {
    private Tables() {
    }

    public static final class Tenants {
        public static final Table<Record> TABLE = table(name("tenants"));
        public static final Field<String> ID = field(name("tenants", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> NAME = field(name("tenants", "name"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<Long> CREATED_AT = field(name("tenants", "created_at"), SQLDataType.BIGINT.notNull());

        private Tenants() {
        }
    }

    public static final class Users {
        public static final Table<Record> TABLE = table(name("users"));
        public static final Field<String> ID = field(name("users", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("users", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> NAME = field(name("users", "name"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<String> EMAIL = field(name("users", "email"), SQLDataType.VARCHAR(320));
        public static final Field<String> ROLES = field(name("users", "roles"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<String> STATUS = field(name("users", "status"), SQLDataType.VARCHAR(32).notNull());
        public static final Field<Long> CREATED_AT = field(name("users", "created_at"), SQLDataType.BIGINT.notNull());
        // V3__identity
        public static final Field<String> SUBJECT = field(name("users", "subject"), SQLDataType.VARCHAR(255));
        public static final Field<Long> UPDATED_AT = field(name("users", "updated_at"), SQLDataType.BIGINT);

        private Users() {
        }
    }

    public static final class ApiKeys {
        public static final Table<Record> TABLE = table(name("api_keys"));
        public static final Field<String> ID = field(name("api_keys", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("api_keys", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> USER_ID = field(name("api_keys", "user_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> KEY_HASH = field(name("api_keys", "key_hash"), SQLDataType.VARCHAR(64).notNull());
        public static final Field<String> DESCRIPTION = field(name("api_keys", "description"), SQLDataType.VARCHAR(255));
        public static final Field<Long> CREATED_AT = field(name("api_keys", "created_at"), SQLDataType.BIGINT.notNull());
        public static final Field<Long> EXPIRES_AT = field(name("api_keys", "expires_at"), SQLDataType.BIGINT);
        public static final Field<Long> REVOKED_AT = field(name("api_keys", "revoked_at"), SQLDataType.BIGINT);
        public static final Field<String> SCOPES = field(name("api_keys", "scopes"), SQLDataType.VARCHAR(255).notNull());
        // V3__identity
        public static final Field<String> CREATED_BY = field(name("api_keys", "created_by"), SQLDataType.VARCHAR(36));
        public static final Field<Long> UPDATED_AT = field(name("api_keys", "updated_at"), SQLDataType.BIGINT);

        private ApiKeys() {
        }
    }

    public static final class Spaces {
        public static final Table<Record> TABLE = table(name("spaces"));
        public static final Field<String> ID = field(name("spaces", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("spaces", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> NAME = field(name("spaces", "name"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<String> TYPE = field(name("spaces", "type"), SQLDataType.VARCHAR(32).notNull());
        public static final Field<String> OWNER_ID = field(name("spaces", "owner_id"), SQLDataType.VARCHAR(36));
        public static final Field<Long> CREATED_AT = field(name("spaces", "created_at"), SQLDataType.BIGINT.notNull());
        public static final Field<String> DESCRIPTION = field(name("spaces", "description"), SQLDataType.CLOB.notNull());
        public static final Field<String> CREATED_BY = field(name("spaces", "created_by"), SQLDataType.VARCHAR(36));
        public static final Field<Long> UPDATED_AT = field(name("spaces", "updated_at"), SQLDataType.BIGINT.notNull());

        private Spaces() {
        }
    }

    public static final class Connectors {
        public static final Table<Record> TABLE = table(name("connectors"));
        public static final Field<String> ID = field(name("connectors", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> NAME = field(name("connectors", "name"), SQLDataType.VARCHAR(255).notNull());

        private Connectors() {
        }
    }

    public static final class Connections {
        public static final Table<Record> TABLE = table(name("connections"));
        public static final Field<String> ID = field(name("connections", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("connections", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> OWNER_ID = field(name("connections", "owner_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> SPACE_ID = field(name("connections", "space_id"), SQLDataType.VARCHAR(36));
        public static final Field<String> CONNECTOR_ID = field(name("connections", "connector_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> NAME = field(name("connections", "name"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<String> PARAMS = field(name("connections", "params"), SQLDataType.CLOB.notNull());
        public static final Field<String> SECRETS = field(name("connections", "secrets"), SQLDataType.CLOB.notNull());
        public static final Field<Boolean> IS_CONNECTED = field(name("connections", "is_connected"), SQLDataType.BOOLEAN.notNull());
        public static final Field<String> ERROR = field(name("connections", "error"), SQLDataType.CLOB);
        public static final Field<Long> VERSION = field(name("connections", "version"), SQLDataType.BIGINT.notNull());
        public static final Field<Long> CREATED_AT = field(name("connections", "created_at"), SQLDataType.BIGINT.notNull());
        public static final Field<Long> UPDATED_AT = field(name("connections", "updated_at"), SQLDataType.BIGINT.notNull());

        private Connections() {
        }
    }

    public static final class AuditEvents {
        public static final Table<Record> TABLE = table(name("audit_events"));
        public static final Field<String> ID = field(name("audit_events", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("audit_events", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> EVENT_TYPE = field(name("audit_events", "event_type"), SQLDataType.VARCHAR(128).notNull());
        public static final Field<Long> EVENT_TIME = field(name("audit_events", "event_time"), SQLDataType.BIGINT.notNull());
        public static final Field<String> USER_ID = field(name("audit_events", "user_id"), SQLDataType.VARCHAR(36));
        public static final Field<String> RESOURCE_TYPE = field(name("audit_events", "resource_type"), SQLDataType.VARCHAR(64).notNull());
        public static final Field<String> RESOURCE_ID = field(name("audit_events", "resource_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> DATA = field(name("audit_events", "data"), SQLDataType.CLOB.notNull());

        private AuditEvents() {
        }
    }

    public static final class SpaceAssignments {
        public static final Table<Record> TABLE = table(name("space_assignments"));
        public static final Field<String> ID = field(name("space_assignments", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("space_assignments", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> SPACE_ID = field(name("space_assignments", "space_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TYPE = field(name("space_assignments", "type"), SQLDataType.VARCHAR(16).notNull());
        public static final Field<String> ASSIGNEE_ID = field(name("space_assignments", "assignee_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> ROLES = field(name("space_assignments", "roles"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<String> CREATED_BY = field(name("space_assignments", "created_by"), SQLDataType.VARCHAR(36));
        public static final Field<Long> CREATED_AT = field(name("space_assignments", "created_at"), SQLDataType.BIGINT.notNull());
        public static final Field<String> UPDATED_BY = field(name("space_assignments", "updated_by"), SQLDataType.VARCHAR(36));
        public static final Field<Long> UPDATED_AT = field(name("space_assignments", "updated_at"), SQLDataType.BIGINT.notNull());

        private SpaceAssignments() {
        }
    }

    public static final class Automations {
        public static final Table<Record> TABLE = table(name("automations"));
        public static final Field<String> ID = field(name("automations", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("automations", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> OWNER_ID = field(name("automations", "owner_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> SPACE_ID = field(name("automations", "space_id"), SQLDataType.VARCHAR(36));
        public static final Field<String> NAME = field(name("automations", "name"), SQLDataType.VARCHAR(255).notNull());
        public static final Field<String> DESCRIPTION = field(name("automations", "description"), SQLDataType.CLOB.notNull());
        public static final Field<String> STATE = field(name("automations", "state"), SQLDataType.VARCHAR(16).notNull());
        public static final Field<String> RUN_MODE = field(name("automations", "run_mode"), SQLDataType.VARCHAR(16).notNull());
        public static final Field<Long> MAX_CONCURRENT_RUNS = field(name("automations", "max_concurrent_runs"), SQLDataType.BIGINT.notNull());
        public static final Field<String> WORKSPACE = field(name("automations", "workspace"), SQLDataType.CLOB.notNull());
        public static final Field<Long> VERSION = field(name("automations", "version"), SQLDataType.BIGINT.notNull());
        public static final Field<Long> CREATED_AT = field(name("automations", "created_at"), SQLDataType.BIGINT.notNull());
        public static final Field<Long> UPDATED_AT = field(name("automations", "updated_at"), SQLDataType.BIGINT.notNull());

        private Automations() {
        }
    }

    public static final class AutomationConnectionUsages {
        public static final Table<Record> TABLE = table(name("automation_connection_usages"));
        public static final Field<String> AUTOMATION_ID = field(name("automation_connection_usages", "automation_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> CONNECTION_ID = field(name("automation_connection_usages", "connection_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("automation_connection_usages", "tenant_id"), SQLDataType.VARCHAR(36).notNull());

        private AutomationConnectionUsages() {
        }
    }

    /** V6__data_keys: each tenant's data key, wrapped by a master key. */
    public static final class DataKeys {
        public static final Table<Record> TABLE = table(name("data_keys"));
        public static final Field<String> ID = field(name("data_keys", "id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("data_keys", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> MASTER_KEY_ID = field(name("data_keys", "master_key_id"), SQLDataType.VARCHAR(16).notNull());
        public static final Field<String> WRAPPED_KEY = field(name("data_keys", "wrapped_key"), SQLDataType.VARCHAR(128).notNull());
        public static final Field<Long> CREATED_AT = field(name("data_keys", "created_at"), SQLDataType.BIGINT.notNull());
        public static final Field<Long> WRAPPED_AT = field(name("data_keys", "wrapped_at"), SQLDataType.BIGINT.notNull());

        private DataKeys() {
        }
    }

    /** V6__data_keys: the one row naming the master key new data keys are wrapped with. */
    public static final class ActiveMasterKey {
        public static final Table<Record> TABLE = table(name("active_master_key"));
        public static final Field<Integer> SINGLETON = field(name("active_master_key", "singleton"), SQLDataType.INTEGER.notNull());
        public static final Field<String> KEY_ID = field(name("active_master_key", "key_id"), SQLDataType.VARCHAR(16).notNull());
        public static final Field<Long> CHANGED_AT = field(name("active_master_key", "changed_at"), SQLDataType.BIGINT.notNull());

        private ActiveMasterKey() {
        }
    }

    /** V8__oauth: pending OAuth2 authorizations (single use, expiring). */
    public static final class OAuthStates {
        public static final Table<Record> TABLE = table(name("oauth_states"));
        public static final Field<String> STATE_HASH = field(name("oauth_states", "state_hash"), SQLDataType.VARCHAR(64).notNull());
        public static final Field<String> TENANT_ID = field(name("oauth_states", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> CONNECTION_ID = field(name("oauth_states", "connection_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> USER_ID = field(name("oauth_states", "user_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> VERIFIER = field(name("oauth_states", "verifier"), SQLDataType.CLOB.notNull());
        public static final Field<String> REDIRECT_URI = field(name("oauth_states", "redirect_uri"), SQLDataType.CLOB.notNull());
        public static final Field<Long> EXPIRES_AT = field(name("oauth_states", "expires_at"), SQLDataType.BIGINT.notNull());

        private OAuthStates() {
        }
    }

    /** V8__oauth: a connection's OAuth2 tokens (ciphertexts) and its refresh lease. */
    public static final class OAuthTokens {
        public static final Table<Record> TABLE = table(name("oauth_tokens"));
        public static final Field<String> CONNECTION_ID = field(name("oauth_tokens", "connection_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> TENANT_ID = field(name("oauth_tokens", "tenant_id"), SQLDataType.VARCHAR(36).notNull());
        public static final Field<String> ACCESS_TOKEN = field(name("oauth_tokens", "access_token"), SQLDataType.CLOB);
        public static final Field<String> REFRESH_TOKEN = field(name("oauth_tokens", "refresh_token"), SQLDataType.CLOB);
        public static final Field<Long> EXPIRES_AT = field(name("oauth_tokens", "expires_at"), SQLDataType.BIGINT);
        public static final Field<String> ACCOUNT_NAME = field(name("oauth_tokens", "account_name"), SQLDataType.VARCHAR(255));
        public static final Field<String> LEASE_OWNER = field(name("oauth_tokens", "lease_owner"), SQLDataType.VARCHAR(36));
        public static final Field<Long> LEASE_UNTIL = field(name("oauth_tokens", "lease_until"), SQLDataType.BIGINT);
        public static final Field<Long> UPDATED_AT = field(name("oauth_tokens", "updated_at"), SQLDataType.BIGINT.notNull());

        private OAuthTokens() {
        }
    }
}
