// Connects with pgjdbc and prints whether the session uses TLS.
//   java JdbcClient url   JDBC_DATABASE_URL as given (its sslrootcert names the CA file), with
//                         JDBC_DATABASE_USERNAME / JDBC_DATABASE_PASSWORD
//   java JdbcClient jvm   the same URL without sslrootcert and with
//                         sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory: only the JVM's trust
//                         store (javax.net.ssl.trustStore, e.g. from JAVA_TOOL_OPTIONS) can vouch
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public final class JdbcClient {
  private JdbcClient() {}

  /** The URL with every sslrootcert parameter removed and the JVM's own SSL factory added. */
  static String jvmTrustUrl(String url) {
    int q = url.indexOf('?');
    StringBuilder out = new StringBuilder(q < 0 ? url : url.substring(0, q));
    char sep = '?';
    if (q >= 0) {
      for (String param : url.substring(q + 1).split("&")) {
        if (param.isEmpty() || param.startsWith("sslrootcert=") || param.startsWith("sslfactory=")) continue;
        out.append(sep).append(param);
        sep = '&';
      }
    }
    return out.append(sep).append("sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory").toString();
  }

  static String env(String name) {
    String v = System.getenv(name);
    if (v == null) throw new IllegalStateException(name + " is not set");
    return v;
  }

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "url";
    try {
      String url = env("JDBC_DATABASE_URL");
      if (mode.equals("jvm")) url = jvmTrustUrl(url);
      Properties props = new Properties();
      props.setProperty("user", env("JDBC_DATABASE_USERNAME"));
      props.setProperty("password", env("JDBC_DATABASE_PASSWORD"));
      props.setProperty("connectTimeout", "10");
      try (Connection c = DriverManager.getConnection(url, props);
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
        rs.next();
        System.out.println(rs.getBoolean(1));
      }
    } catch (SQLException | IllegalStateException e) {
      System.err.println("pgjdbc: " + e.getMessage());
      System.exit(1);
    }
  }
}
