// Connects with MariaDB Connector/J (Debian's 2.7) and prints the session's Ssl_cipher.
//   java MariadbClient url   JDBC_DATABASE_URL as given (serverSslCert names the CA file), with
//                            JDBC_DATABASE_USERNAME / JDBC_DATABASE_PASSWORD
//   java MariadbClient jvm   the same URL without serverSslCert: only the JVM's trust store
//                            (javax.net.ssl.trustStore, e.g. from JAVA_TOOL_OPTIONS) can vouch
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public final class MariadbClient {
  private MariadbClient() {}

  /** The URL with every serverSslCert parameter removed. */
  static String jvmTrustUrl(String url) {
    int q = url.indexOf('?');
    StringBuilder out = new StringBuilder(q < 0 ? url : url.substring(0, q));
    char sep = '?';
    if (q >= 0) {
      for (String param : url.substring(q + 1).split("&")) {
        if (param.isEmpty() || param.startsWith("serverSslCert=")) continue;
        out.append(sep).append(param);
        sep = '&';
      }
    }
    return out.toString();
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
      props.setProperty("connectTimeout", "10000");
      try (Connection c = DriverManager.getConnection(url, props);
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
        rs.next();
        System.out.println(rs.getString(2));
      }
    } catch (SQLException | IllegalStateException e) {
      System.err.println("mariadb-java: " + e.getMessage());
      System.exit(1);
    }
  }
}
