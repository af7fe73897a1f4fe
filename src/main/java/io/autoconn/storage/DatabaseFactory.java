package io.autoconn.storage;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import javax.sql.DataSource;

@Factory
public class DatabaseFactory {
    /** Eager: migrations run at start-up, before the server accepts requests. */
    @Context
    public Database database(DataSource dataSource, DatasourceConfiguration configuration) {
        return Database.open(dataSource, Backend.fromUrl(configuration.getUrl()));
    }
}
