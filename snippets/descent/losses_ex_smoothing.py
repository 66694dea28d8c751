import torch
import torch.nn.functional as F

torch.manual_seed(0)

N, C = 4, 5
z = torch.randn(N, C, dtype=torch.float64, requires_grad=True)
target = torch.tensor([3, 0, 4, 1])


def check(eps, one_hot):
    (g,) = torch.autograd.grad(F.cross_entropy(z, target, label_smoothing=eps), z)
    q = (1 - eps) * one_hot + eps / C  # (1)!
    diff = (g - (F.softmax(z.detach(), dim=1) - q) / N).abs().max().item()
    return q, f"{diff:.2e}" if diff > 1e-12 else "< 1e-12"


for eps in [0.0, 0.1]:
    q, diff = check(eps, F.one_hot(target, C))
    print(f"eps={eps} max |autograd - closed form| {diff}   (q is {q.dtype})")
q, diff = check(0.1, F.one_hot(target, C).double())  # (2)!
print(f"eps=0.1 with one_hot(...).double(): {diff}")
q32 = check(0.1, F.one_hot(target, C))[0].max().item()
print(f"0.92 - q in float32 = {0.92 - q32:.2e}, divided by N = 4: {(0.92 - q32) / 4:.2e}")
