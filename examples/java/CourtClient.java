/*
 * 执行节点期限监督 API 的 Java 示例（仅用 JDK 11+）：签名（v2）、提交一个立案事件、读回案件。
 *
 * A Java example for the deadline supervisor's API (JDK only): sign (v2), post a
 * case.filed event, read the case back.
 *
 *   javac -d out CourtClient.java
 *   API=http://127.0.0.1:3000 COURT_ID=demo-court COURT_SECRET=demo-secret-0123456789abcdef \
 *   CASE_NO='(2026)豫0823执9002号' java -cp out CourtClient
 *
 * 签名 v2 / signature v2: X-Signature: v2=<hex HMAC-SHA256(secret, canonical)>, canonical =
 * timestamp, METHOD, canonical request target, raw body bytes, joined by "\n".
 */
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class CourtClient {
  private static final String API = env("API", "http://127.0.0.1:3000").replaceAll("/+$", "");
  private static final String COURT_ID = env("COURT_ID", "demo-court");
  private static final String COURT_SECRET = env("COURT_SECRET", "demo-secret-0123456789abcdef");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** Percent-decoding of a path: "%XX" to bytes, then UTF-8 ("+" stays "+", unlike a form). */
  static String decodePath(String path) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] raw = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length) {
        bytes.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        bytes.write(raw[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * 请求目标规范化：路径解码一次；查询参数按表单规则解码，按名称、再按值排序（String.compareTo
   * 即 UTF-16 码元顺序）。The canonical request target.
   */
  static String canonicalTarget(String target) {
    int q = target.indexOf('?');
    String path = decodePath(q < 0 ? target : target.substring(0, q));
    String query = q < 0 ? "" : target.substring(q + 1);
    List<String[]> pairs = new ArrayList<>();
    for (String part : query.split("&")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      pairs.add(new String[] {name, value});
    }
    if (pairs.isEmpty()) return path;
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder(path).append('?');
    for (int i = 0; i < pairs.size(); i++) out.append(i == 0 ? "" : "&").append(pairs.get(i)[0]).append('=').append(pairs.get(i)[1]);
    return out.toString();
  }

  /** The three headers of a signed request; `target` is the path and query as sent. */
  static Map<String, String> signedHeaders(String method, String target, byte[] body) throws Exception {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    canonical.write((timestamp + "\n" + method.toUpperCase() + "\n" + canonicalTarget(target) + "\n").getBytes(StandardCharsets.UTF_8));
    canonical.write(body);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(COURT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(canonical.toByteArray())) hex.append(String.format("%02x", b));
    return Map.of("X-Court-Id", COURT_ID, "X-Timestamp", timestamp, "X-Signature", "v2=" + hex);
  }

  /** Sends a signed request; waits and resends on 429 / 503 as Retry-After says. */
  static HttpResponse<String> call(String method, String target, byte[] body) throws Exception {
    for (int attempt = 0; attempt < 10; attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + target)).header("Content-Type", "application/json");
      signedHeaders(method, target, body).forEach(request::header);
      request.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 429 && response.statusCode() != 503) return response;
      Thread.sleep((long) (1000 * Double.parseDouble(response.headers().firstValue("Retry-After").orElse("1"))));
    }
    throw new IllegalStateException("the API kept answering 429/503");
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static void main(String[] args) throws Exception {
    String caseNo = env("CASE_NO", "(2026)豫0823执9002号");
    String occurredAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String event = "{\"eventId\":" + json("java-example-" + caseNo) + ",\"type\":\"case.filed\",\"caseNo\":" + json(caseNo)
        + ",\"occurredAt\":" + json(occurredAt) + ",\"data\":{\"amount\":50000,\"financial\":false,\"respondents\":[{\"kind\":\"person\"}]}}";
    // The body is signed as the exact bytes sent (UTF-8).
    byte[] body = ("{\"events\":[" + event + "]}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> posted = call("POST", "/v1/events", body);
    System.out.println("POST /v1/events → " + posted.statusCode() + " " + posted.body());
    if (posted.statusCode() != 202 || !(posted.body().contains("\"accepted\"") || posted.body().contains("\"duplicate\""))) System.exit(1);

    // The case is there once the event is applied (a moment later): 404 until then.
    String target = "/v1/cases/" + URLEncoder.encode(caseNo, StandardCharsets.UTF_8).replace("+", "%20");
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> read = call("GET", target, new byte[0]);
      if (read.statusCode() == 200) {
        System.out.println("GET " + target + " → 200 " + read.body());
        return;
      }
      if (read.statusCode() != 404) {
        System.out.println("GET " + target + " → " + read.statusCode() + " " + read.body());
        System.exit(1);
      }
      Thread.sleep(500);
    }
    System.out.println("the case did not appear within 30 s");
    System.exit(1);
  }
}
