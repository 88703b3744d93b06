package io.selfheal.it.reliability;

import io.selfheal.it.support.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Builds a Spring Boot executable jar the way the Boot Maven plugin lays it out: the launcher
 * classes of {@code spring-boot-loader} (from Maven Central) at the root, the application in
 * {@code BOOT-INF/classes}, its libraries as nested jars in {@code BOOT-INF/lib}, stored
 * uncompressed so the loader can read them in place.
 */
final class SpringBootJar {
    private SpringBootJar() {
    }

    static Path build(Path dir, String startClass, List<String> appClasses, List<String> libClasses) throws IOException {
        Path jar = dir.resolve("boot-app.jar");
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        a.putValue("Start-Class", startClass);
        a.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        a.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            try (JarFile loader = new JarFile(Reliability.jar("spring-boot-loader.jar").toFile())) {
                Enumeration<JarEntry> entries = loader.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.isDirectory() || e.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    try (InputStream in = loader.getInputStream(e)) {
                        out.putNextEntry(new JarEntry(e.getName()));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
            // The launcher finds the class path by these directory entries, as the Boot plugin writes them.
            for (String d : List.of("BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/lib/")) {
                out.putNextEntry(new JarEntry(d));
                out.closeEntry();
            }
            for (String c : appClasses) {
                out.putNextEntry(new JarEntry("BOOT-INF/classes/" + c.replace('.', '/') + ".class"));
                out.write(Files.readAllBytes(classFile(c)));
                out.closeEntry();
            }
            byte[] lib = libraryJar(libClasses);
            JarEntry nested = new JarEntry("BOOT-INF/lib/service.jar");
            nested.setMethod(ZipEntry.STORED);
            nested.setSize(lib.length);
            nested.setCompressedSize(lib.length);
            CRC32 crc = new CRC32();
            crc.update(lib);
            nested.setCrc(crc.getValue());
            out.putNextEntry(nested);
            out.write(lib);
            out.closeEntry();
        }
        return jar;
    }

    private static byte[] libraryJar(List<String> classes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(buf, mf)) {
            for (String c : classes) {
                out.putNextEntry(new JarEntry(c.replace('.', '/') + ".class"));
                out.write(Files.readAllBytes(classFile(c)));
                out.closeEntry();
            }
        }
        return buf.toByteArray();
    }

    private static Path classFile(String className) {
        return ChildJvm.appsClasses().resolve(className.replace('.', '/') + ".class");
    }

}
