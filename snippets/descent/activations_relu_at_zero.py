import torch
import torch.nn.functional as F

torch.manual_seed(0)

variants = {
    "torch.relu      ": torch.relu,
    "F.relu          ": F.relu,
    "clamp(min=0)    ": lambda x: x.clamp(min=0),
    "maximum(x, 0)   ": lambda x: torch.maximum(x, torch.zeros_like(x)),
}
for name, f in variants.items():
    x = torch.tensor(0.0, requires_grad=True)
    f(x).backward()
    print(name, f(x).detach(), x.grad)  # (1)!

h = 1e-3
print("central diff    ", (torch.relu(torch.tensor(h)) - torch.relu(torch.tensor(-h))) / (2 * h))
