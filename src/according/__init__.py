"""according: who said what, according to whom — sourced records from news articles."""

__version__ = "0.1.0"

__all__ = ["Archive", "__version__", "extract_text"]


def __getattr__(name: str):  # lazy: importing the package must not load spaCy
    if name == "extract_text":
        from according.pipeline import extract_text

        return extract_text
    if name == "Archive":
        from according.store import Archive

        return Archive
    raise AttributeError(name)
