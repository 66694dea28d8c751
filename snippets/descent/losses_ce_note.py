import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = torch.randn(1, 784)
w = torch.randn(10, 784)
logits = x @ w.t()
print([round(z, 1) for z in logits[0].tolist()])  # (1)!

target = torch.tensor([3])
print(f"{F.cross_entropy(logits, target).item():.3f}")
print(f"{F.nll_loss(torch.log(F.softmax(logits, dim=1)), target).item():.3f}")  # (2)!
z = logits[0]
print(f"gaps: max - min {(z.max() - z.min()).item():.1f}, max - z[target] {(z.max() - z[3]).item():.1f}")  # (3)!
