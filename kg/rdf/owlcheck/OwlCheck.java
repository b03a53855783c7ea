// Would these RDF/OWL files load cleanly into Protégé? Loads each file with the OWL API (the library
// Protégé is built on) using Protégé's lenient loader settings, and prints one JSON report on stdout:
// {"ok": bool, "files": [{"file", "ok", "format", "ontology", "counts", "errors", "missingImports",
//  "unparsedTriples", "undeclared", "dlViolations"}]}.
// Run by kg/rdf/owlcheck/__init__.py with Java's single-file source launcher (no build step).
// Exit status: 0 every file is clean, 1 some file has problems, 2 usage error.

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLParserFactory;
import org.semanticweb.owlapi.io.UnparsableOntologyException;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlCheck {
    /** Parsers that "load" almost anything (a broken Turtle file becomes a junk OBO ontology), and TriX. */
    private static final List<String> BANNED = List.of(
        "org.semanticweb.owlapi.oboformat.OBOFormatOWLAPIParserFactory",
        "org.coode.owlapi.obo12.parser.OBO12ParserFactory",
        "org.semanticweb.owlapi.krss1.parser.KRSSOWLParserFactory",
        "org.semanticweb.owlapi.krss2.parser.KRSS2OWLParserFactory",
        "org.semanticweb.owlapi.dlsyntax.parser.DLSyntaxOWLParserFactory",
        "org.semanticweb.owlapi.rio.RioTrixParserFactory",
        "org.semanticweb.owlapi.rio.RioBinaryRdfParserFactory",
        "org.semanticweb.owlapi.rio.RioHDTRdfParserFactory",
        "org.semanticweb.owlapi.rio.RioRDFaParserFactory",
        "org.semanticweb.owlapi.rio.RioJsonParserFactory");

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -cp JARS OwlCheck.java FILE...");
            System.exit(2);
        }
        StringBuilder out = new StringBuilder("{\"files\": [");
        boolean allOk = true;
        for (int i = 0; i < args.length; i++) {
            Map<String, Object> report = check(new File(args[i]));
            allOk &= (Boolean) report.get("ok");
            out.append(i == 0 ? "\n  " : ",\n  ").append(json(report));
        }
        out.append("\n], \"ok\": ").append(allOk).append("}");
        System.out.println(out);
        System.exit(allOk ? 0 : 1);
    }

    /** Load one file in a fresh manager and list what Protégé would drop or misread. */
    static Map<String, Object> check(File file) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<String> missingImports = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        TreeSet<String> undeclared = new TreeSet<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        report.put("file", file.getPath());
        report.put("format", null);
        report.put("ontology", null);
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        // Imports never go to the network: any non-file IRI is mapped to a file that does not exist.
        manager.getIRIMappers().add(iri -> "file".equals(iri.getScheme()) ? iri
            : IRI.create(new File(file.getAbsoluteFile().getParentFile(), ".owlcheck-no-network")));
        manager.addMissingImportListener(e -> missingImports.add(e.getImportedOntologyURI().toString()));
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
            .setRepairIllegalPunnings(false)
            .setStrict(false);
        manager.setOntologyLoaderConfiguration(config);
        List<OWLParserFactory> banned = new ArrayList<>();
        manager.getOntologyParsers().forEach(f -> {
            if (BANNED.contains(f.getClass().getName())) {
                banned.add(f);
            }
        });
        manager.getOntologyParsers().remove(banned.toArray(new OWLParserFactory[0]));
        if (!file.isFile()) {
            errors.add("no such file");
        } else {
            try {
                FileDocumentSource source = new FileDocumentSource(file);
                OWLOntology ont = manager.loadOntologyFromOntologyDocument(source, config);
                OWLDocumentFormat format = manager.getOntologyFormat(ont);
                report.put("format", format == null ? null : format.getKey());
                report.put("ontology", ont.getOntologyID().getOntologyIRI().map(IRI::toString).orElse(null));
                if (format != null) {
                    format.getOntologyLoaderMetaData().ifPresent(meta -> {
                        counts.put("triples", meta.getTripleCount());
                        meta.getUnparsedTriples().forEach(t -> unparsed.add(t.toString()));
                    });
                }
                if (ont.isEmpty() && ont.getOntologyID().isAnonymous()) {
                    errors.add("empty document: no ontology header and no axioms");
                }
                for (OWLEntity entity : ont.getSignature(Imports.INCLUDED)) {
                    if (!entity.isBuiltIn() && !entity.isOWLNamedIndividual()
                            && !ont.isDeclared(entity, Imports.INCLUDED)) {
                        undeclared.add(entity.getEntityType().getName() + " " + entity.getIRI());
                    }
                }
                for (OWLProfileViolation v : new OWL2DLProfile().checkOntology(ont).getViolations()) {
                    String kind = v.getClass().getSimpleName();
                    violations.add(kind + ": " + v.getExpression() + " in " + v.getAxiom());
                }
                counts.put("axioms", ont.getAxiomCount());
                counts.put("logicalAxioms", ont.getLogicalAxiomCount());
                counts.put("classes", ont.getClassesInSignature().size());
                counts.put("objectProperties", ont.getObjectPropertiesInSignature().size());
                counts.put("dataProperties", ont.getDataPropertiesInSignature().size());
                counts.put("annotationProperties", ont.getAnnotationPropertiesInSignature().size());
                counts.put("individuals", ont.getIndividualsInSignature().size());
                counts.put("classAssertions", ont.getAxiomCount(AxiomType.CLASS_ASSERTION));
                counts.put("objectPropertyAssertions",
                    ont.getAxiomCount(AxiomType.OBJECT_PROPERTY_ASSERTION));
                counts.put("dataPropertyAssertions", ont.getAxiomCount(AxiomType.DATA_PROPERTY_ASSERTION));
            } catch (UnparsableOntologyException e) {
                errors.addAll(parseErrors(file, e));
            } catch (Exception | LinkageError e) {
                errors.add(oneLine(e));
            }
        }
        report.put("ok", errors.isEmpty() && missingImports.isEmpty() && unparsed.isEmpty()
            && undeclared.isEmpty() && violations.isEmpty());
        report.put("counts", counts);
        report.put("errors", errors);
        report.put("missingImports", missingImports);
        unparsed.sort(null);
        violations.sort(null);
        report.put("unparsedTriples", unparsed);
        report.put("undeclared", new ArrayList<>(undeclared));
        report.put("dlViolations", violations);
        return report;
    }

    /** Why the parsers for the file's extension failed (all parsers' reasons if none matches). */
    static List<String> parseErrors(File file, UnparsableOntologyException e) {
        String name = file.getName().toLowerCase();
        String dot = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        String kind = Map.of("ttl", "turtle", "nt", "ntriples", "jsonld", "jsonld", "json", "jsonld",
            "rdf", "rdfxml", "owl", "rdfxml", "xml", "rdfxml").getOrDefault(dot, "");
        List<String> all = new ArrayList<>();
        List<String> matching = new ArrayList<>();
        e.getExceptions().forEach((parser, error) -> {
            String line = parser.getName() + ": " + oneLine(error);
            all.add(line);
            if (!kind.isEmpty() && parser.toString().toLowerCase().contains(kind)) {
                matching.add(line);
            }
        });
        return matching.isEmpty() ? all : matching;
    }

    /** The first few lines of an exception's message (parse errors carry line numbers), on one line. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
        String flat = message.lines().map(String::strip).filter(s -> !s.isEmpty()).limit(3)
            .collect(Collectors.joining(" | "));
        return flat.length() > 2000 ? flat.substring(0, 2000) + " ..." : flat;
    }

    /** A tiny JSON writer for maps, lists, strings, numbers, booleans and null. */
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).entrySet().stream()
                .map(e -> json(e.getKey().toString()) + ": " + json(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(OwlCheck::json).collect(Collectors.joining(", ", "[", "]"));
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
