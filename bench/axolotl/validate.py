"""
axolotl's own config validation, for the differential bench (bench/axolotlDifferential.ts).

Usage: python3 validate.py <axolotl git dir> <tag>  < cases.jsonl  > verdicts.jsonl

The release's `src/axolotl` tree is extracted from the git dir (`git archive`), third-party heavy
imports (torch, transformers, accelerate, peft, ...) are replaced by stand-ins whose attributes are
more stand-ins and whose calls answer False (`is_*` probes: True), and each case's YAML is loaded with PyYAML and checked
the way `axolotl.utils.config.validate_config` does: datasets converted to the dataset model the
`rl` setting selects, then `AxolotlConfigWCapabilities` with the capabilities of one 8-GPU H100 node.
Plugin argument models are not merged (plugins need their own packages); axolotl ignores keys no
model declares, so a plugin's keys do not fail the base schema. Each input line is
{"id": ..., "text": ...}; each output line is {"id": ..., "ok": bool, "error": str}.
"""
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
    from axolotl.utils.schemas.config import AxolotlConfigWCapabilities
    from axolotl.utils.schemas.datasets import DPODataset, KTODataset, SFTDataset

    capabilities = {"bf16": True, "fp8": True, "tf32": True, "n_gpu": 8, "n_node": 1, "compute_capability": "sm_90"}
    env = {"torch_version": HEAVY["torch"]}
    for line in sys.stdin:
        case = json.loads(line)
        try:
            cfg = yaml.safe_load(case["text"])
            if not isinstance(cfg, dict):
                raise ValueError("not a mapping")
            for i, ds in enumerate(cfg.get("datasets") or []):
                if not isinstance(ds, dict):
                    continue
                if cfg.get("rl") in ["dpo", "ipo", "simpo"]:
                    cfg["datasets"][i] = DPODataset(**ds)
                elif cfg.get("rl") == "kto":
                    cfg["datasets"][i] = KTODataset(**ds)
                elif ds.get("type") != "_synthetic":
                    cfg["datasets"][i] = SFTDataset(**ds)
            AxolotlConfigWCapabilities(**cfg, capabilities=capabilities, env_capabilities=env)
            out = {"id": case["id"], "ok": True, "error": ""}
        except Exception as exc:  # the verdict is "refused", whatever the exception
            out = {"id": case["id"], "ok": False, "error": f"{type(exc).__name__}: {exc}"[:400]}
        sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
