import torch

torch.manual_seed(0)


class StepSTEClipped(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        ctx.save_for_backward(z)
        return (z > 0).to(z.dtype)

    @staticmethod
    def backward(ctx, grad_out):
        (z,) = ctx.saved_tensors
        return grad_out * (z.abs() <= 1)  # (1)!


x = torch.tensor([0.5, -1.0, 2.0])
target = torch.tensor([1.0, 1.0, 0.0])
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
opt = torch.optim.SGD([w, b], lr=1.0)
for step in range(3):
    opt.zero_grad()
    z = w * x + b
    out = StepSTEClipped.apply(z)
    loss = ((out - target) ** 2).mean()
    loss.backward()
    print(f"step {step}: z {[round(v, 3) for v in z.tolist()]}  out {out.int().tolist()}")
    print(f"        loss {loss.item():.4f}  dL/dw {w.grad.item():+.4f}  dL/db {b.grad.item():+.4f}")
    opt.step()
