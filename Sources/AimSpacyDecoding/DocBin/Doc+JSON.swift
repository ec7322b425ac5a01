import AimSpacyModel

extension Doc {
    /// `Doc.to_json()` of spaCy 3.8 (spec Appendix B): same keys, same order, same presence rules.
    public func toJSON() -> JSONValue {
        var data: [(key: String, value: JSONValue)] = [("text", .string(text))]
        if annotated.contains(.entIOB) {
            data.append(("ents", .array(ents.map { ent in
                .object([("start", .int(ent.startChar)), ("end", .int(ent.endChar)), ("label", .string(ent.label))])
            })))
        }
        if annotated.contains(.sentStart), let sents {
            data.append(("sents", .array(sents.map { sent in
                let last = tokens[sent.upperBound - 1]
                return .object([("start", .int(tokens[sent.lowerBound].idx)), ("end", .int(last.idx + last.length))])
            })))
        }
        if !cats.isEmpty {
            data.append(("cats", .object(cats.map { ($0.label, $0.value) })))
        }
        let tag = annotated.contains(.tag), pos = annotated.contains(.pos), morph = annotated.contains(.morph)
        let lemma = annotated.contains(.lemma), dep = annotated.contains(.dep)
        var tokenData: [JSONValue] = []
        tokenData.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() {
            var fields: [(key: String, value: JSONValue)] = [
                ("id", .int(i)), ("start", .int(token.idx)), ("end", .int(token.idx + token.length)),
            ]
            if tag { fields.append(("tag", .string(token.tag))) }
            if pos { fields.append(("pos", .string(token.pos))) }
            if morph { fields.append(("morph", .string(token.morph))) }
            if lemma { fields.append(("lemma", .string(token.lemma))) }
            if dep {
                fields.append(("dep", .string(token.dep)))
                fields.append(("head", .int(token.head)))
            }
            tokenData.append(.object(fields))
        }
        data.append(("tokens", .array(tokenData)))
        if !spanGroups.isEmpty {
            data.append(("spans", .object(spanGroups.map { group in
                (group.name, .array(group.spans.map { span in
                    .object([
                        ("start", .int(span.startChar)), ("end", .int(span.endChar)),
                        ("label", .string(span.label)), ("kb_id", .string(span.kbID)),
                    ])
                }))
            })))
        }
        return .object(data)
    }
}
