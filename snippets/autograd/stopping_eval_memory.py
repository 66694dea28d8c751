import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
x = torch.randn(3, 4)
in_memory = {t.untyped_storage().data_ptr() for t in [x, *model.parameters()]}
saved = []


def pack(t):  # (1)!
    saved.append((t.untyped_storage().data_ptr(), t.numel()))
    return t


with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
    out = model(x)
    new = dict(s for s in saved if s[0] not in in_memory)  # (2)!
    sizes = [n for _, n in saved]
    print("grad mode:", len(saved), "tensors of", sizes, "=", sum(sizes), "numbers saved")
    print("  new memory among them:", len(new), "tensor,", sum(new.values()), "numbers")
    saved.clear()
    with torch.no_grad():  # (3)!
        out = model(x)
    print("no_grad:  ", len(saved), "tensors,", sum(n for _, n in saved), "numbers saved")
