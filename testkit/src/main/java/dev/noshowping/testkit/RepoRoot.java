package dev.noshowping.testkit;

import java.nio.file.Path;

/** The repository root, passed by Surefire (see the parent pom), so tests read the real template.yaml. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path path() {
        return Path.of(System.getProperty("noshowping.repo.root", "../..")).toAbsolutePath().normalize();
    }
}
