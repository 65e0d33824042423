package dev.gdxrl.registry;

import java.util.Collection;

/** Thrown for an env id that is not registered; the message lists the known ids. */
public final class UnknownEnvException extends IllegalArgumentException {
  public UnknownEnvException(String id, Collection<String> known) {
    super("unknown env '" + id + "'; known envs: " + String.join(", ", known));
  }
}
