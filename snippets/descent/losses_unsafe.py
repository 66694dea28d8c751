import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)


def both_ways(z, target=torch.tensor([0])):
    z = z.clone().requires_grad_()
    naive = F.nll_loss(torch.log(F.softmax(z, dim=1)), target)
    (g_naive,) = torch.autograd.grad(naive, z)
    stable = F.cross_entropy(z, target)
    (g_stable,) = torch.autograd.grad(stable, z)
    return f"{naive.item():10.6g}  {g_naive.tolist()[0]!s:12} | {stable.item():10.6g}  {g_stable.tolist()[0]}"


print("  z = (0, v):  v  exact p0 | naive loss  naive grad   |   CE loss   CE grad")
for v in [50.0, 90.0, 100.0, 110.0]:
    p0 = math.exp(-v) / (1 + math.exp(-v))  # (1)!
    print(f"{v:17}  {p0:8.0e} |", both_ways(torch.tensor([[0.0, v]])))
print(f"{'z = (1000, 1090)':>27} |", both_ways(torch.tensor([[1000.0, 1090.0]])))  # (2)!
info = torch.finfo(torch.float32)
print(f"float32 max {info.max:.1e} = e^{math.log(info.max):.2f}, smallest normal {info.tiny:.1e};",
      f"1/p0 at v=90: {1 + math.exp(90):.1e}")
