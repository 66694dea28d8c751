import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)

target = torch.tensor([0])
print("    v  naive loss    naive grad    | CE loss  CE grad")
for v in [700.0, 709.0, 710.0, 740.0, 750.0, 800.0]:
    z = torch.tensor([[0.0, v]], dtype=torch.float64, requires_grad=True)
    naive = F.nll_loss(torch.log(F.softmax(z, dim=1)), target)
    (g_naive,) = torch.autograd.grad(naive, z)
    stable = F.cross_entropy(z, target)
    (g_stable,) = torch.autograd.grad(stable, z)
    print(f"{v:5}  {naive.item():10.6g}  {g_naive.tolist()[0]!s:14} | {stable.item():7.1f}  {g_stable.tolist()[0]}")
info = torch.finfo(torch.float64)
tiny = math.ulp(0.0)  # the smallest positive float64, a subnormal
print(f"float64 max {info.max:.1e} = e^{math.log(info.max):.2f}, smallest {tiny:.1e} = e^{math.log(tiny):.0f}")
