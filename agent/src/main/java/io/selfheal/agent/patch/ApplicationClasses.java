package io.selfheal.agent.patch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application's class files as {@code check-patch --against} names them: a jar, a directory
 * of classes, or a class path of both (separated by {@code File.pathSeparator}). A class is taken
 * from the first place on the path that has it, as a class loader would.
 */
public final class ApplicationClasses {
    private final List<Path> places;
    private final String description;

    private ApplicationClasses(List<Path> places, String description) {
        this.places = places;
        this.description = description;
    }

    /** @throws IllegalArgumentException naming a part of the path that is neither a jar nor a directory */
    public static ApplicationClasses of(String against) {
        List<Path> places = new ArrayList<>();
        for (String part : against.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            Path p = Paths.get(part);
            if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--against: no jar or directory " + p);
            }
            places.add(p);
        }
        if (places.isEmpty()) {
            throw new IllegalArgumentException("--against names no jar or directory");
        }
        return new ApplicationClasses(places, against);
    }

    /** The class file of {@code internalName} ({@code com/acme/Greeter}), or null when no place has it. */
    public byte[] classFile(String internalName) throws IOException {
        String entry = internalName + ".class";
        for (Path p : places) {
            if (Files.isDirectory(p)) {
                Path file = p.resolve(entry);
                if (Files.isRegularFile(file)) {
                    return Files.readAllBytes(file);
                }
            } else {
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    ZipEntry e = zip.getEntry(entry);
                    if (e != null) {
                        return zip.getInputStream(e).readAllBytes();
                    }
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return description;
    }
}
