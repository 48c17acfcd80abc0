"""Bytes to the cable model: decoding and lines on disk (source), which line is which element
(scanner, bodyscan), the pyparsing grammar and its readers (grammar, elements, header, authority,
paragraphs), and the immutable model they build (build, model); summary renders it as `cablelint
parse` prints it."""
