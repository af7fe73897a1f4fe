package io.autoconn.connectors;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.mariadb.jdbc.Driver;
import redis.clients.jedis.Jedis;

/**
 * Accounts on the services this machine runs (MariaDB on 3306 with root and no password, Redis on 6379
 * with no password), made by tests that need credentials to be refused, and removed after them.
 */
public final class LocalServices {
    public static final String MARIADB_HOST = "127.0.0.1";
    public static final int MARIADB_PORT = 3306;
    public static final String REDIS_HOST = "127.0.0.1";
    public static final int REDIS_PORT = 6379;

    private LocalServices() {
    }

    /** A MariaDB user with this password who may read the database {@code test}. */
    public static void createMariaDbUser(String user, String password) throws SQLException {
        asMariaDbRoot("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT ON test.* TO '" + user + "'@'%'");
    }

    public static void dropMariaDbUser(String user) throws SQLException {
        asMariaDbRoot("DROP USER IF EXISTS '" + user + "'@'%'");
    }

    private static void asMariaDbRoot(String... statements) throws SQLException {
        Properties root = new Properties();
        root.setProperty("user", "root");
        try (Connection connection = new Driver().connect(
                "jdbc:mariadb://" + MARIADB_HOST + ":" + MARIADB_PORT + "/", root);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A Redis ACL user with this password and these ACL rules, e.g. {@code ~*} and {@code +@all}. */
    public static void createRedisUser(String user, String password, String... rules) {
        String[] all = new String[rules.length + 2];
        all[0] = "on";
        all[1] = ">" + password;
        System.arraycopy(rules, 0, all, 2, rules.length);
        try (Jedis admin = new Jedis(REDIS_HOST, REDIS_PORT)) {
            admin.aclSetUser(user, all);
        }
    }

    public static void deleteRedisUsers(String... users) {
        try (Jedis admin = new Jedis(REDIS_HOST, REDIS_PORT)) {
            admin.aclDelUser(users);
        }
    }
}
