import torch
from torch import nn

torch.manual_seed(0)

blocks = [nn.Sequential(nn.Linear(64, 64), nn.Sigmoid()) for _ in range(8)]
net = nn.Sequential(*blocks).double()
seen = []  # (block number, |dL/d output|), in the order the hooks fire


def watch(number):
    def hook(module, grad_output):  # (1)!
        seen.append((number, grad_output[0].norm().item()))
    return hook


handles = [block.register_full_backward_pre_hook(watch(i)) for i, block in enumerate(net, 1)]
x = torch.randn(32, 64, dtype=torch.float64, requires_grad=True)  # (2)!
net(x).pow(2).mean().backward()
for handle in handles:
    handle.remove()

print("blocks, as the hooks fire:", [i for i, _ in seen])  # (3)!
print("|dL/d output|:", "  ".join(f"{n:.1e}" for _, n in seen))
print(f"shrinks by about {(seen[0][1] / seen[-1][1]) ** (1 / 7):.0f}x per block")
