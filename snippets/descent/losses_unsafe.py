import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)

target = torch.tensor([0])
for v in [50.0, 90.0, 100.0, 110.0]:
    z = torch.tensor([[0.0, v]], requires_grad=True)
    naive = F.nll_loss(torch.log(F.softmax(z, dim=1)), target)
    (g_naive,) = torch.autograd.grad(naive, z)
    stable = F.cross_entropy(z, target)
    (g_stable,) = torch.autograd.grad(stable, z)
    p0 = math.exp(-v) / (1 + math.exp(-v))  # (1)!
    print(f"v={v:5} p0={p0:.0e}", naive.detach(), g_naive, "|", stable.detach(), g_stable)
info = torch.finfo(torch.float32)
print(f"float32 max {info.max:.1e}, smallest normal {info.tiny:.1e}; 1/p0 at v=90: {1 + math.exp(90):.1e}")
