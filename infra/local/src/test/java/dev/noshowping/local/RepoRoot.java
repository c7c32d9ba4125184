package dev.noshowping.local;

import java.nio.file.Path;

/** The repository root, passed by Surefire (see the parent pom), so tests read the real template.yaml. */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path path() {
        return Path.of(System.getProperty("noshowping.repo.root", "../..")).toAbsolutePath().normalize();
    }
}
