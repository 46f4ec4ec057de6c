package dev.mainstay.docs;

import java.io.PrintStream;

/**
 * One module's part of the {@link Tour}: it uses the module on its embedded default and tells, in plain words,
 * what happened.
 */
public interface Scene {

    /** The module this scene shows, as in the README table, e.g. {@code "mainstay-hashring"}. */
    String module();

    /** A one-line headline printed above the scene. */
    String title();

    /**
     * Plays the scene, printing to {@code out}.
     *
     * @throws Exception if the scene fails; the tour reports it and exits non-zero
     */
    void play(PrintStream out) throws Exception;
}
