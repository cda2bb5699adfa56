#!/usr/bin/env python3
"""GPU calibration harness for peft-lens's memory estimate.

Runs each case of bench/gpu/cases.json in a fresh Python process on one CUDA/ROCm GPU and records
what torch reports: peak allocated and reserved bytes per step, the step time, the bytes after the
model loaded, and the device memory in use at init (the CUDA context) and after the steps. Results
are written in the shape of ../shared/calibration/h200-training-memory.json (plus the case's loop,
optimizer, attention and accumulation), so `npm run bench:memory -- <results file>` compares them
with the estimate.

Models are built from the config.json numbers of the project's catalog (core/data/models/*.json)
with random weights: nothing is downloaded. Needs torch, transformers and peft, and nothing else;
`--dry-run` needs none of them and prints the cases and the shapes it would build.

    python3 bench/gpu/calibrate.py --dry-run [--json]
    python3 bench/gpu/calibrate.py [--cases ID ...] [--out FILE] [--timeout SECONDS] [--budget SECONDS]
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STEPS = 3
DEFAULTS = {"attn_implementation": "sdpa", "optimizer": "adamw_torch", "gradient_accumulation_steps": 1, "config_overrides": {}}
# Config keys that would make transformers build in another dtype or keep a KV cache.
DROPPED_KEYS = ("torch_dtype", "dtype", "transformers_version", "use_cache")


def load_cases():
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    return [{**DEFAULTS, **c} for c in cases]


def load_catalog():
    """Hub id (and alias) -> config.json numbers, from the bundled catalog."""
    catalog = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "core", "data", "models", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for entry in json.load(f)["models"]:
                for name in [entry["id"], *entry.get("aliases", [])]:
                    catalog[name.lower()] = entry["config"]
    return catalog


def model_config(case, catalog):
    config = catalog.get(case["model"].lower())
    if config is None:
        raise SystemExit(f"{case['id']}: {case['model']} is not in core/data/models")
    merged = {k: v for k, v in config.items() if k not in DROPPED_KEYS}
    merged.update(case["config_overrides"])
    return merged


def dims(config):
    """The shape numbers, whatever the config calls them (GPT-2 says n_embd, n_layer, n_head)."""
    pick = lambda *keys: next((config[k] for k in keys if config.get(k) is not None), None)
    heads = pick("num_attention_heads", "n_head")
    return {
        "hidden_size": pick("hidden_size", "n_embd"),
        "num_hidden_layers": pick("num_hidden_layers", "n_layer"),
        "num_attention_heads": heads,
        "num_key_value_heads": pick("num_key_value_heads") or heads,
        "vocab_size": config["vocab_size"],
    }


def row_lengths(case):
    """Token counts of one micro-batch's rows: full for the plain loop; for the Trainer, every other row
    shorter, so the collator pads and an attention mask is passed."""
    b, s = case["micro_batch_size"], case["sequence_len"]
    if case["loop"] == "plain":
        return [s] * b
    return [s if i % 2 == 0 else s - 1 - (37 * (i + 1)) % max(1, s // 4) for i in range(b)]


def shapes(case, catalog):
    config = model_config(case, catalog)
    acc = case["gradient_accumulation_steps"]
    out = {
        "id": case["id"],
        "mechanism": case["mechanism"],
        "model": case["model"],
        "model_type": config["model_type"],
        "loop": case["loop"],
        "dims": dims(config),
        "config_overrides": case["config_overrides"],
        "adapter_config": case["adapter_config"],
        "input_ids": [case["micro_batch_size"], case["sequence_len"]],
        "row_lengths": row_lengths(case),
        "micro_batches_per_step": acc,
        "steps": STEPS,
        "gradient_checkpointing": case["gradient_checkpointing"],
        "attn_implementation": case["attn_implementation"],
        "optimizer": case["optimizer"],
    }
    if case["loop"] == "plain" and (case["optimizer"] != "adamw_torch" or acc != 1):
        raise SystemExit(f"{case['id']}: the plain loop runs torch AdamW without accumulation, as the H200 file did")
    return out


def dry_run(cases, catalog, as_json):
    rows = [shapes(c, catalog) for c in cases]
    if as_json:
        print(json.dumps({"steps": STEPS, "cases": rows}, indent=1))
        return
    for r in rows:
        d = r["dims"]
        print(f"{r['id']}\n  {r['mechanism']}")
        print(f"  {r['model']} ({r['model_type']}): hidden {d['hidden_size']}, {d['num_hidden_layers']} layers, "
              f"{d['num_attention_heads']} heads / {d['num_key_value_heads']} KV, vocab {d['vocab_size']}; random weights, bf16")
        print(f"  {r['loop']} loop, input_ids {r['input_ids']} x {r['micro_batches_per_step']} per step, rows {r['row_lengths']}, "
              f"{r['attn_implementation']}, {r['optimizer']}, checkpointing {'on' if r['gradient_checkpointing'] else 'off'}")
        print(f"  adapter: {json.dumps(r['adapter_config']) if r['adapter_config'] else 'none (full fine-tuning)'}")
    print(f"\n{len(rows)} cases, {STEPS} steps each, one fresh process per case. Nothing was run (dry run).")


# ─── a real run: one case in this (fresh) process ────────────────────────────────────────────────


def build_model(case, config):
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    kwargs = {k: v for k, v in config.items() if k != "model_type"}
    cfg = AutoConfig.for_model(config["model_type"], **kwargs)
    cfg.use_cache = False
    # Built on the GPU in bf16 (the config states no dtype, so transformers takes torch's default).
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.bfloat16)
    try:
        with torch.device("cuda"):
            model = AutoModelForCausalLM.from_config(cfg, attn_implementation=case["attn_implementation"])
    finally:
        torch.set_default_dtype(default)
    model.to(torch.bfloat16)
    torch.cuda.empty_cache()  # nothing cached from the build may count as the steps' reserve
    if case["gradient_checkpointing"]:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        if case["adapter_config"]:
            model.enable_input_require_grads()
    if case["adapter_config"]:
        from peft import get_peft_config, get_peft_model

        model = get_peft_model(model, get_peft_config(dict(case["adapter_config"])))
    model.train()
    return model


def plain_steps(case, model, vocab, baseline):
    """The H200 file's step: autocast forward with labels = input_ids, backward with the output still
    held, then torch AdamW (foreach) and zero_grad(set_to_none=True)."""
    import torch

    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-5)
    ids = torch.randint(0, vocab, (case["micro_batch_size"], case["sequence_len"]), device="cuda")
    per_step, seconds = [], []

    def forward_backward():
        with torch.autocast("cuda", dtype=torch.bfloat16):
            out = model(input_ids=ids, labels=ids)
        after_forward = torch.cuda.memory_allocated() - baseline["allocated"]
        out.loss.backward()
        return after_forward

    for _ in range(STEPS):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        t0 = time.perf_counter()
        after_forward = forward_backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        torch.cuda.synchronize()
        seconds.append(time.perf_counter() - t0)
        per_step.append(step_memory(baseline, after_forward))
    return per_step, seconds


def trainer_steps(case, model, vocab, baseline):
    """transformers.Trainer over rows padded by a collator (attention_mask 0, labels -100 at pads)."""
    import torch
    from transformers import Trainer, TrainerCallback, TrainingArguments

    b, s, acc = case["micro_batch_size"], case["sequence_len"], case["gradient_accumulation_steps"]
    lengths = row_lengths(case)
    gen = torch.Generator().manual_seed(0)
    rows = [{"input_ids": torch.randint(0, vocab, (lengths[i % b],), generator=gen)} for i in range(b * acc * STEPS)]

    def pad(batch):
        n = len(batch)
        input_ids = torch.zeros((n, s), dtype=torch.long)
        mask = torch.zeros((n, s), dtype=torch.long)
        labels = torch.full((n, s), -100, dtype=torch.long)
        for i, row in enumerate(batch):
            ids = row["input_ids"]
            input_ids[i, : len(ids)] = ids
            mask[i, : len(ids)] = 1
            labels[i, : len(ids)] = ids
        return {"input_ids": input_ids, "attention_mask": mask, "labels": labels}

    per_step, seconds = [], []

    class Probe(TrainerCallback):
        def on_step_begin(self, args, state, control, **kwargs):
            torch.cuda.synchronize()
            torch.cuda.reset_peak_memory_stats()
            self.t0 = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            torch.cuda.synchronize()
            seconds.append(time.perf_counter() - self.t0)
            per_step.append(step_memory(baseline, None))

    with tempfile.TemporaryDirectory() as out_dir:
        args = TrainingArguments(
            output_dir=out_dir,
            per_device_train_batch_size=b,
            gradient_accumulation_steps=acc,
            max_steps=STEPS,
            learning_rate=1e-5,
            bf16=True,
            gradient_checkpointing=case["gradient_checkpointing"],
            gradient_checkpointing_kwargs={"use_reentrant": False} if case["gradient_checkpointing"] else None,
            optim=case["optimizer"],
            report_to="none",
            logging_strategy="no",
            save_strategy="no",
            dataloader_num_workers=0,
            dataloader_pin_memory=False,
            remove_unused_columns=False,
            disable_tqdm=True,
            seed=0,
        )
        Trainer(model=model, args=args, train_dataset=rows, data_collator=pad, callbacks=[Probe()]).train()
    return per_step, seconds


def step_memory(baseline, after_forward):
    import torch

    return {
        "peak_alloc": torch.cuda.max_memory_allocated() - baseline["allocated"],
        "peak_reserved": torch.cuda.max_memory_reserved() - baseline["reserved"],
        "after_forward": after_forward,
        "after_step": torch.cuda.memory_allocated() - baseline["allocated"],
    }


def run_case(case, catalog):
    import peft
    import torch
    import transformers

    config = model_config(case, catalog)
    free, total = torch.cuda.mem_get_info()
    context = total - free  # the context this process's first CUDA call created (and any other process's use)
    # What the allocator held before the model was built (nothing, in a fresh process): readings are relative to it.
    baseline = {"allocated": torch.cuda.memory_allocated(), "reserved": torch.cuda.memory_reserved()}
    model = build_model(case, config)
    after_load = torch.cuda.memory_allocated() - baseline["allocated"]
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total_params = sum(p.numel() for p in model.parameters())
    trainable_dtype = str(next(p for p in model.parameters() if p.requires_grad).dtype).replace("torch.", "")
    vocab = dims(config)["vocab_size"]
    steps = plain_steps if case["loop"] == "plain" else trainer_steps
    per_step, seconds = steps(case, model, vocab, baseline)
    free_after, _ = torch.cuda.mem_get_info()
    peak = max(s["peak_alloc"] for s in per_step)
    return {
        "arch": case["id"],
        "hf_id": case["model"],
        "method": "full" if not case["adapter_config"] else str(case["adapter_config"]["peft_type"]).lower(),
        "model_config": config,
        "adapter_config": case["adapter_config"],
        "micro_batch_size": case["micro_batch_size"],
        "sequence_len": case["sequence_len"],
        "gradient_checkpointing": case["gradient_checkpointing"],
        "loop": case["loop"],
        "optimizer": case["optimizer"],
        "attn_implementation": case["attn_implementation"],
        "gradient_accumulation_steps": case["gradient_accumulation_steps"],
        "trainable_params": trainable,
        "total_params": total_params,
        "trainable_dtype": trainable_dtype,
        "bytes_after_load": after_load,
        "peak_allocated_bytes": peak,
        "peak_reserved_bytes": max(s["peak_reserved"] for s in per_step),
        "per_step": per_step,
        "step_seconds": seconds,
        "run": "bench/gpu/calibrate.py",
        "baseline_held_bytes": 0,
        "peak_allocated_bytes_fresh_process": peak,
        "device_used_at_init_bytes": context,
        "device_used_after_steps_bytes": total - free_after,
        "device": {
            "name": torch.cuda.get_device_name(),
            "capability": list(torch.cuda.get_device_capability()),
            "total_bytes": total,
            "torch": torch.__version__,
            "cuda": torch.version.cuda,
            "hip": getattr(torch.version, "hip", None),
            "transformers": transformers.__version__,
            "peft": peft.__version__,
        },
    }


def run_all(cases, out_path, timeout, budget):
    results, failed = [], []
    started = time.time()
    for case in cases:
        if time.time() - started + timeout > budget:
            failed.append({"id": case["id"], "error": [f"not run: the {budget} s budget would not cover its {timeout} s timeout"]})
            continue
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            result_path = tmp.name
        cmd = [sys.executable, os.path.abspath(__file__), "--run-case", case["id"], "--result", result_path]
        t0 = time.time()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            if proc.returncode == 0:
                with open(result_path, encoding="utf-8") as f:
                    results.append(json.load(f))
                r = results[-1]
                print(f"{case['id']}: peak {r['peak_allocated_bytes'] / 1e9:.3f} GB allocated, {r['peak_reserved_bytes'] / 1e9:.3f} GB reserved, "
                      f"{r['step_seconds'][-1]:.3f} s/step ({time.time() - t0:.0f} s)", flush=True)
            else:
                failed.append({"id": case["id"], "error": proc.stderr.strip().splitlines()[-1:] or ["exit " + str(proc.returncode)]})
                print(f"{case['id']}: FAILED {failed[-1]['error']}", flush=True)
        except subprocess.TimeoutExpired:
            failed.append({"id": case["id"], "error": [f"timed out after {timeout} s"]})
            print(f"{case['id']}: timed out", flush=True)
        finally:
            os.unlink(result_path)
        write(out_path, results, failed)
    return results, failed


def write(out_path, results, failed):
    device = results[0]["device"] if results else {}
    about = (f"Measured GPU memory of training steps by bench/gpu/calibrate.py on {device.get('name', 'an unknown GPU')} "
             f"(torch {device.get('torch')}, transformers {device.get('transformers')}, peft {device.get('peft')}); one fresh process per case, "
             "so peak_allocated_bytes_fresh_process = peak_allocated_bytes. Cases and loops: bench/gpu/cases.json.")
    os.makedirs(os.path.dirname(out_path) or ".", exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"about": about, "cases": results, "failed": failed}, f, indent=1)
        f.write("\n")


def importable(module):
    """Whether the module imports (a stand-in that raises counts as missing), checked in a child process so this one stays free of torch."""
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="print the cases and the shapes they build; imports no torch")
    ap.add_argument("--json", action="store_true", help="with --dry-run: as JSON")
    ap.add_argument("--cases", nargs="*", help="only these case ids")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "gpu-training-memory.json"))
    ap.add_argument("--timeout", type=int, default=120, help="seconds per case")
    ap.add_argument("--budget", type=int, default=540, help="seconds for the whole run: no case starts that its timeout could carry past it")
    ap.add_argument("--run-case", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    cases, catalog = load_cases(), load_catalog()
    if args.cases:
        unknown = set(args.cases) - {c["id"] for c in cases}
        if unknown:
            raise SystemExit(f"unknown case ids: {', '.join(sorted(unknown))}")
        cases = [c for c in cases if c["id"] in args.cases]
    for c in cases:
        shapes(c, catalog)  # refuses a case the loops cannot run before any GPU time is spent
    if args.dry_run:
        return dry_run(cases, catalog, args.json)
    if args.run_case:
        case = next(c for c in cases if c["id"] == args.run_case)
        with open(args.result, "w", encoding="utf-8") as f:
            json.dump(run_case(case, catalog), f)
        return None
    missing = [m for m in ("torch", "transformers", "peft") if not importable(m)]
    if missing:
        raise SystemExit(f"a real run needs {', '.join(missing)} (and a GPU); --dry-run needs neither")
    results, failed = run_all(cases, args.out, args.timeout, args.budget)
    print(f"\n{len(results)} cases measured, {len(failed)} failed; written to {args.out}")
    return None


if __name__ == "__main__":
    main()
