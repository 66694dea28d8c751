import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
x = torch.randn(3, 4)
saved = []


def pack(t):  # (1)!
    saved.append(t.numel())
    return t


with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
    out = model(x)
    print("grad mode:", len(saved), "tensors,", sum(saved), "numbers saved")
    saved.clear()
    with torch.no_grad():  # (2)!
        out = model(x)
    print("no_grad:  ", len(saved), "tensors,", sum(saved), "numbers saved")
