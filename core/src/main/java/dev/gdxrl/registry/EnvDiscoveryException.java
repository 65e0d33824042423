package dev.gdxrl.registry;

/**
 * An {@link EnvProvider} could not be loaded or used: it throws, or two providers declare one
 * id. The message is one line naming the provider and what to do.
 */
public final class EnvDiscoveryException extends IllegalArgumentException {
  public EnvDiscoveryException(String message) {
    super(message);
  }

  public EnvDiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
