// Connects with the MySQL-protocol JDBC driver on the class path (MariaDB Connector/J or MySQL
// Connector/J) and prints the session's Ssl_cipher.
//   java MysqlJdbcClient url        JDBC_DATABASE_URL as given, with JDBC_DATABASE_USERNAME /
//                                   JDBC_DATABASE_PASSWORD (MariaDB Connector/J: serverSslCert
//                                   names the CA file; MySQL Connector/J ignores serverSslCert and
//                                   takes the JVM's trust store, javax.net.ssl.trustStore)
//   java MysqlJdbcClient jvm        the same URL without serverSslCert: only the JVM's trust store
//                                   (e.g. from JAVA_TOOL_OPTIONS) can vouch
//   java MysqlJdbcClient keystore   MySQL Connector/J with its CA from the URL: the README's one
//                                   line adds trustCertificateKeyStoreUrl (the truststore.p12
//                                   beside the serverSslCert file) and trustCertificateKeyStoreType
// Errors go to stderr with their causes, the innermost (the TLS reason) first.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public final class MysqlJdbcClient {
  private MysqlJdbcClient() {}

  /** The URL with every serverSslCert parameter removed. */
  static String withoutServerSslCert(String url) {
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

  /** The innermost cause's message first (the TLS reason, where there is one), then the outer ones. */
  static String messages(Throwable e) {
    java.util.List<String> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !all.contains(m)) all.add(0, m.replace('\n', ' '));
    }
    return String.join(": ", all);
  }

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "url";
    try {
      String url = env("JDBC_DATABASE_URL");
      if (mode.equals("jvm")) url = withoutServerSslCert(url);
      if (mode.equals("keystore")) {
        // The README's line for MySQL Connector/J without the JVM trust store:
        url += "&trustCertificateKeyStoreUrl=file:" + url.replaceFirst(".*[?&]serverSslCert=([^&]*/)[^&/]*.*", "$1") + "truststore.p12&trustCertificateKeyStoreType=PKCS12";
      }
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
      System.err.println("jdbc: " + messages(e));
      System.exit(1);
    }
  }
}
