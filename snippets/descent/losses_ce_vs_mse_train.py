import torch
import torch.nn.functional as F

torch.manual_seed(0)

y = torch.tensor(1.0, dtype=torch.float64)
for name, loss_fn in [
    ("cross-entropy", lambda z: F.binary_cross_entropy_with_logits(z, y)),
    ("MSE", lambda z: (torch.sigmoid(z) - y) ** 2),
]:
    z = torch.tensor(-10.0, dtype=torch.float64, requires_grad=True)  # (1)!
    opt = torch.optim.SGD([z], lr=1.0)
    steps = 0
    while torch.sigmoid(z).item() < 0.5:  # (2)!
        opt.zero_grad()
        loss_fn(z).backward()
        opt.step()
        steps += 1
    print(f"{name}: {steps} steps until p > 0.5")
