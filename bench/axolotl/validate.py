"""
axolotl's own config validation, for the differential bench (bench/axolotlDifferential.ts).

Usage: python3 validate.py <axolotl git dir> <tag>  < cases.jsonl  > verdicts.jsonl

The release's `src/axolotl` tree is extracted from the git dir (`git archive`), third-party heavy
imports (torch, transformers, accelerate, peft, ...) are replaced by stand-ins whose attributes are
more stand-ins and whose calls answer False (`is_*` probes: True), and each case's YAML is loaded with PyYAML and checked
the way `axolotl.utils.config.validate_config` does: datasets converted to the dataset model the
`rl` setting selects, then `AxolotlConfigWCapabilities` with the capabilities of one 8-GPU H100 node,
merged with the argument models of the plugins the case lists (`plugins:`), as `prepare_plugins` and
`merge_input_args` do. A plugin that does not import even with the stand-ins is left out (its keys
are then ignored, as axolotl ignores keys no model declares) and named in the verdict's `note`. Each input line is
{"id": ..., "text": ...}; each output line is {"id": ..., "ok": bool, "error": str, "note": str}.
"""
import contextlib
import importlib.abc
import importlib.machinery
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import types

HEAVY = {
    "torch": "2.11.0", "transformers": "5.14.1", "accelerate": "1.13.0", "peft": "0.19.1", "trl": "1.8.0",
    "PIL": "11.0.0", "ring_flash_attn": "0.1", "bitsandbytes": "0.48.0", "flash_attn": "2.8.0",
    "deepspeed": "0.18.0", "datasets": "4.0.0", "huggingface_hub": "1.0.0", "liger_kernel": "0.6.0",
    "torchao": "0.14.0", "optimum": "2.0.0", "mistral_common": "1.8.0", "triton": "3.5.0", "vllm": "0.11.0",
    "numba": "0.62.0", "tqdm": "4.67.0", "evaluate": "0.4.6", "wandb": "0.22.0", "pandas": "2.3.0", "safetensors": "0.6.0", "llmcompressor": "0.8.0", "compressed_tensors": "0.12.0",
}


# Availability probes answer as on a CUDA node with the optional libraries installed (fp8 backends,
# flash-attn, ...): `is_*` probes are true except for other accelerators; other calls answer False.
OTHER_DEVICES = ("npu", "xpu", "mlu", "mps", "hpu", "musa", "neuron", "xla", "sagemaker", "mlx")


def _probe_answer(name):
    last = name.rsplit(".", 1)[-1]
    return last.startswith("is_") and not any(d in last for d in OTHER_DEVICES)


class _Meta(type):
    """A stand-in class: any attribute is another stand-in; calling it answers like a probe (see above)."""

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _stub(f"{cls.__qualname__}.{name}")

    def __call__(cls, *args, **kwargs):
        return _probe_answer(cls.__qualname__)

    def __bool__(cls):
        return False

    def __getitem__(cls, item):
        # A generic stand-in (`Sampler[int]` as a base class) is the stand-in itself.
        return cls


def _any_schema(cls, source, handler):
    from pydantic_core import core_schema

    return core_schema.any_schema()


def _stub(name):
    # As a field type (PIL's Resampling, torch.dtype), a stand-in accepts any value.
    return _Meta(name, (), {"__get_pydantic_core_schema__": classmethod(_any_schema)})


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _stub(f"{self.__name__}.{name}")


class _HeavyFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in HEAVY:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _StubModule(spec.name)
        module.__path__ = []
        module.__version__ = HEAVY[spec.name.split(".")[0]]
        return module

    def exec_module(self, module):
        pass


class _AttrDict(dict):
    """What axolotl takes from `addict` (not a heavy package, but rarely installed): a dict with attribute access."""

    def __getattr__(self, name):
        return self.get(name)


def extract(git_dir, tag):
    root = tempfile.mkdtemp(prefix="axolotl-schema-")
    archive = subprocess.run(["git", "--git-dir", git_dir, "archive", tag, "src/axolotl"], check=True, capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(root)
    return f"{root}/src"


def main():
    git_dir, tag = sys.argv[1], sys.argv[2]
    sys.meta_path.insert(0, _HeavyFinder())
    try:
        import addict  # noqa: F401
    except ImportError:
        shim = types.ModuleType("addict")
        shim.Dict = _AttrDict
        sys.modules["addict"] = shim
    sys.path.insert(0, extract(git_dir, tag))
    import logging

    logging.disable(logging.CRITICAL)
    import yaml
    from axolotl.integrations.base import PluginManager, load_plugin
    from axolotl.integrations.config import merge_input_args
    from axolotl.utils.schemas.config import AxolotlConfigWCapabilities
    from axolotl.utils.schemas.datasets import DPODataset, KTODataset, SFTDataset

    merged = {}

    def schema_for(plugins):
        """The config model with the listed plugins' argument models, and the plugins left out."""
        names = tuple(p for p in plugins if isinstance(p, str))
        if names not in merged:
            PluginManager._instance = None
            manager = PluginManager.get_instance()
            missing = []
            for name in names:
                try:
                    # The plugin's import can print; the verdicts own stdout.
                    with contextlib.redirect_stdout(sys.stderr):
                        manager.plugins[name] = load_plugin(name)
                except Exception as exc:  # an import the stand-ins cannot satisfy, or no such plugin
                    missing.append(f"{name} ({type(exc).__name__})")
            model = merge_input_args()[0] if manager.plugins else AxolotlConfigWCapabilities
            merged[names] = (model, "; ".join(f"plugin not merged: {m}" for m in missing))
        return merged[names]

    capabilities = {"bf16": True, "fp8": True, "tf32": True, "n_gpu": 8, "n_node": 1, "compute_capability": "sm_90"}
    env = {"torch_version": HEAVY["torch"]}
    for line in sys.stdin:
        case = json.loads(line)
        note = ""
        try:
            cfg = yaml.safe_load(case["text"])
            if not isinstance(cfg, dict):
                raise ValueError("not a mapping")
            model, note = schema_for(cfg.get("plugins") or [])
            for i, ds in enumerate(cfg.get("datasets") or []):
                if not isinstance(ds, dict):
                    continue
                if cfg.get("rl") in ["dpo", "ipo", "simpo"]:
                    cfg["datasets"][i] = DPODataset(**ds)
                elif cfg.get("rl") == "kto":
                    cfg["datasets"][i] = KTODataset(**ds)
                elif ds.get("type") != "_synthetic":
                    cfg["datasets"][i] = SFTDataset(**ds)
            model(**cfg, capabilities=capabilities, env_capabilities=env)
            out = {"id": case["id"], "ok": True, "error": "", "note": note}
        except Exception as exc:  # the verdict is "refused", whatever the exception
            out = {"id": case["id"], "ok": False, "error": f"{type(exc).__name__}: {exc}"[:400], "note": note}
        sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
