"""according: who said what, according to whom — sourced records from news articles."""

__version__ = "0.1.0"

__all__ = ["Archive", "Fields", "__version__", "extract_files", "extract_text"]


def __getattr__(name: str):  # lazy: importing the package must not load spaCy
    if name == "extract_text":
        from according.pipeline import extract_text

        return extract_text
    if name == "extract_files":
        from according.files import extract_files

        return extract_files
    if name == "Fields":
        from according.ingest.batch import Fields

        return Fields
    if name == "Archive":
        from according.store import Archive

        return Archive
    raise AttributeError(name)
