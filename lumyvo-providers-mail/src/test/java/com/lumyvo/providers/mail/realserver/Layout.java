package com.lumyvo.providers.mail.realserver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the harness keeps everything (certificate, users, Maildirs, configurations, sockets,
 * queues, logs), and as whom the servers run.
 *
 * <p>As root, mail belongs to {@code nobody:nogroup} (Dovecot refuses mail access as root) and
 * Dovecot's own processes run as the package's {@code dovecot}/{@code dovenull} users; those
 * users and Postfix's must be able to walk down to the directory. As another user, everything
 * runs as that user.
 */
final class Layout {
  static final String DOVECOT = "/usr/sbin/dovecot";
  static final String DOVEADM = "/usr/bin/doveadm";
  static final String POSTFIX = "/usr/sbin/postfix";
  /** Longest base directory that leaves room for Dovecot's socket names within 107 bytes. */
  private static final int MAX_SOCKET_DIR = 80;

  final Path root;
  final Path logs;
  final Path mail;
  final Path users;
  final int mailUid;
  final int mailGid;
  final String internalUser;
  final String internalGroup;
  final String loginUser;
  private final boolean asRoot;
  /** A directory outside target/ that {@link #root} links to, or null. */
  final Path outside;
  TestCertificate certificate;

  private Layout(Path root, Path outside, boolean asRoot, int uid, int gid, String user,
      String group) {
    this.root = root;
    this.outside = outside;
    this.asRoot = asRoot;
    this.logs = root.resolve("logs");
    this.mail = root.resolve("mail");
    this.users = root.resolve("users");
    if (asRoot) {
      mailUid = 65534;
      mailGid = 65534;
      internalUser = "dovecot";
      internalGroup = "dovecot";
      loginUser = "dovenull";
    } else {
      mailUid = uid;
      mailGid = gid;
      internalUser = user;
      internalGroup = group;
      loginUser = user;
    }
  }

  boolean root() {
    return asRoot;
  }

  /**
   * Wipes and recreates {@code target} (a directory under the module's target/). If Dovecot's
   * and Postfix's users could not walk down to it, or its path is too long for Unix sockets,
   * the files go to a fresh directory under the system's temporary directory instead and
   * {@code target} becomes a link to it, so they are still found under target/.
   */
  static Layout create(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path probe = Files.createTempFile(target.getParent(), "whoami", ".tmp");
    int uid = (Integer) Files.getAttribute(probe, "unix:uid");
    int gid = (Integer) Files.getAttribute(probe, "unix:gid");
    String group = Files.readAttributes(probe,
        java.nio.file.attribute.PosixFileAttributes.class).group().getName();
    Files.delete(probe);
    boolean asRoot = uid == 0;
    String user = System.getProperty("user.name");

    wipe(target);
    Path outside = null;
    Path root = target;
    boolean tooLong = target.toString().length() > MAX_SOCKET_DIR - "/run/x".length();
    if (tooLong || (asRoot && !walkableByOthers(target.getParent()))) {
      outside = Files.createTempDirectory("lumyvo-real-servers-");
      Files.createSymbolicLink(target, outside);
      root = outside;
    } else {
      Files.createDirectories(target);
    }
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Layout layout = new Layout(root, outside, asRoot, uid, gid, user, group);
    Files.createDirectories(layout.logs);
    Files.createDirectories(layout.mail);
    if (asRoot) {
      Files.setAttribute(layout.mail, "unix:uid", layout.mailUid);
      Files.setAttribute(layout.mail, "unix:gid", layout.mailGid);
    }
    Files.createDirectories(layout.users);
    Files.setPosixFilePermissions(layout.users, PosixFilePermissions.fromString("rwxr-xr-x"));
    return layout;
  }

  /** Gives a file or directory to the mail user (when running as root). */
  void ownMail(Path path) throws IOException {
    if (asRoot) {
      Files.setAttribute(path, "unix:uid", mailUid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", mailGid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static boolean walkableByOthers(Path dir) throws IOException {
    for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
      if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  /** Deletes a directory tree, or a link to one (with what it links to). */
  static void wipe(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      Path linked = Files.readSymbolicLink(path);
      Files.delete(path);
      if (linked.getFileName().toString().startsWith("lumyvo-real-servers-")) {
        wipe(linked);
      }
      return;
    }
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
