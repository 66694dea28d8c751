import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)

w = torch.randn(100)
H = hessian(lambda w: (w**4).sum(), w)  # (1)!
print("100 parameters:", tuple(H.shape), "Hessian,", H.numel(), "entries")

n = 10**6
print(f"n = {n:.0e} parameters: gradient {n:.0e} numbers = {4 * n / 1e6:.0f} MB in float32")
print(f"Hessian n^2 = {n**2:.0e} numbers = {4 * n**2 / 1e12:.0f} TB in float32")
print(f"solving H d = g directly: about n^3 = {n**3:.0e} operations")  # (2)!
