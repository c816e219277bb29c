package org.wubloader.common.process;

/**
 * Bad configuration found while starting (a port in use, a base dir that is a file, a bad log
 * level). {@link org.wubloader.common.cli.CommandMain} prints its message as one line and exits
 * 2, never a stack trace: a stack trace under {@code restart:} is a crash loop whose cause an
 * operator has to dig out of 40 lines. The message names the option and the value.
 */
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
