package com.lumyvo.examples;

import picocli.CommandLine.Option;

/** {@code -h} and {@code --help} for every command: the usage text on standard output, exit 0. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
