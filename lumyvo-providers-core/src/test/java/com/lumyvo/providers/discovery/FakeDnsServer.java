package com.lumyvo.providers.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on loopback UDP that speaks just enough of RFC 1035 to answer MX and SRV queries
 * from a table, say NXDOMAIN for unknown names, or stay silent, so the JNDI resolver is tested
 * against real packets.
 */
final class FakeDnsServer implements AutoCloseable {
  static final int TYPE_MX = 15;
  static final int TYPE_SRV = 33;

  /** One answer record's data, already encoded. */
  record Answer(int type, int ttlSeconds, byte[] data) {}

  private final DatagramSocket socket;
  private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
  private volatile boolean silent;

  FakeDnsServer() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "fake-dns");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  void silent(boolean silent) {
    this.silent = silent;
  }

  void answer(String name, int type, Answer... records) {
    answers.put(name + "/" + type, List.of(records));
  }

  static Answer mx(int preference, String host, int ttl) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(preference >> 8);
    data.write(preference);
    writeName(data, host);
    return new Answer(TYPE_MX, ttl, data.toByteArray());
  }

  static Answer srv(int priority, int weight, int port, String target, int ttl) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (int value : new int[] {priority, weight, port}) {
      data.write(value >> 8);
      data.write(value);
    }
    writeName(data, target);
    return new Answer(TYPE_SRV, ttl, data.toByteArray());
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        if (silent) {
          continue;
        }
        byte[] reply = reply(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private byte[] reply(ByteBuffer query) {
    int id = query.getShort() & 0xFFFF;
    query.position(12);
    int questionStart = 12;
    StringBuilder name = new StringBuilder();
    for (int length = query.get(); length > 0; length = query.get()) {
      byte[] label = new byte[length];
      query.get(label);
      name.append(name.length() == 0 ? "" : ".").append(new String(label,
          StandardCharsets.US_ASCII));
    }
    int type = query.getShort() & 0xFFFF;
    query.getShort();
    int questionEnd = query.position();
    List<Answer> records = answers.get(name.toString().toLowerCase() + "/" + type);
    boolean exists = records != null || answers.keySet().stream()
        .anyMatch(k -> k.startsWith(name.toString().toLowerCase() + "/"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeShort(out, id);
    writeShort(out, exists ? 0x8180 : 0x8183);
    writeShort(out, 1);
    writeShort(out, records == null ? 0 : records.size());
    writeShort(out, 0);
    writeShort(out, 0);
    out.write(query.array(), questionStart, questionEnd - questionStart);
    if (records != null) {
      for (Answer answer : records) {
        writeShort(out, 0xC00C);
        writeShort(out, answer.type);
        writeShort(out, 1);
        writeShort(out, answer.ttlSeconds >> 16);
        writeShort(out, answer.ttlSeconds);
        writeShort(out, answer.data.length);
        out.write(answer.data, 0, answer.data.length);
      }
    }
    return out.toByteArray();
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value >> 8);
    out.write(value);
  }

  private static void writeName(ByteArrayOutputStream out, String name) {
    if (!name.isEmpty() && !name.equals(".")) {
      for (String label : name.split("\\.")) {
        out.write(label.length());
        out.write(label.getBytes(StandardCharsets.US_ASCII), 0, label.length());
      }
    }
    out.write(0);
  }

  @Override
  public void close() {
    socket.close();
  }
}
