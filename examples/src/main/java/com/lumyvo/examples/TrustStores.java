package com.lumyvo.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;

/**
 * Loads the trust store given to {@code verify --trust-store}, saying in plain words what is wrong
 * with it instead of Java's ({@code toDerInputStream rejects tag type 114}). The type (PKCS12 or
 * JKS) is found from the file's content, as {@code keytool} does.
 *
 * <p>The password comes from {@value #PASSWORD_VARIABLE} or, on a terminal, a prompt without echo;
 * never from an argument, where it would land in shell history and process lists. Without
 * either, the store is opened without a password, which is enough for a store made without one.
 */
final class TrustStores {
  static final String PASSWORD_VARIABLE = "LUMYVO_TRUST_STORE_PASSWORD";

  private TrustStores() {}

  /**
   * The trust store in {@code file}.
   *
   * @throws IllegalArgumentException naming the file and the problem: missing, a directory,
   *     unreadable, the wrong password, not a key store, or holding no certificate
   */
  static KeyStore load(Path file, Context context) {
    return load(file, context, Files::isReadable);
  }

  /**
   * As {@link #load(Path, Context)}, with the readability check given: root reads every file
   * whatever its mode, so a test run as root cannot make an unreadable file.
   */
  static KeyStore load(Path file, Context context,
      java.util.function.Predicate<Path> readable) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("trust store " + file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("trust store " + file
          + " is a directory, not a key store file");
    }
    if (!readable.test(file)) {
      throw new IllegalArgumentException("trust store " + file
          + " cannot be read: permission denied");
    }
    char[] password = password(file, context);
    try {
      KeyStore store = KeyStore.getInstance(file.toFile(), password);
      if (store.size() == 0) {
        throw new IllegalArgumentException("trust store " + file
            + " holds no certificates, so it would trust no server");
      }
      return store;
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("trust store " + file
          + " is not a key store (PKCS12 or JKS); make one with keytool -importcert");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException("wrong password for trust store " + file + " (give it"
            + " in " + PASSWORD_VARIABLE + ", or run in a terminal to be asked for it)");
      }
      if (e instanceof java.nio.file.AccessDeniedException
          || e instanceof java.io.FileNotFoundException) {
        throw new IllegalArgumentException("trust store " + file + " cannot be read: "
            + e.getMessage());
      }
      throw new IllegalArgumentException("trust store " + file
          + " is damaged or not a key store (PKCS12 or JKS)");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("trust store " + file
          + " holds a certificate this Java cannot read");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password(Path file, Context context) {
    String fromEnvironment = context.environment().apply(PASSWORD_VARIABLE);
    if (fromEnvironment != null) {
      return fromEnvironment.toCharArray();
    }
    return context.prompt().ask("Password of trust store " + file + " (Enter if none): ")
        .orElseGet(() -> new char[0]);
  }
}
